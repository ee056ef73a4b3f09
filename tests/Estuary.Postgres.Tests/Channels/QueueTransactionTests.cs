using System;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Estuary.Postgres.Tests;

public sealed class QueueTransactionTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private string Effects => $"\"{database.Schema}\".effects";

    public async Task InitializeAsync()
    {
        await using var create = database.DataSource.CreateCommand($"CREATE TABLE IF NOT EXISTS {Effects} (channel text NOT NULL, value integer NOT NULL)");
        await create.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Disposing_a_delivery_without_an_outcome_returns_the_message_unchanged()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        var sent = Messages.Create("again", priority: 3, attempts: 1);
        await channel.SendAsync(sent, default);

        await using (var first = await channel.ReceiveAsync(TimeSpan.Zero, default))
        {
            Assert.NotNull(first);
        }

        await using var second = await channel.ReceiveAsync(TimeSpan.Zero, default);
        Assert.NotNull(second);
        Messages.Equivalent(sent, second.Message);
    }

    [Fact]
    public async Task Retry_replaces_the_message_with_its_retry_copy_in_one_commit()
    {
        var clock = new ManualClock();
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options, clock);
        var sent = Messages.Create("flaky");
        await channel.SendAsync(sent, default);

        await using (var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default))
        {
            // Until the commit, others still see the original row (its deletion is not committed).
            Assert.Equal(0, await AttemptsOutsideAsync(sent.MessageId));
            await delivery!.RetryAsync(delivery.Message.ForRetry(clock.GetUtcNow().AddSeconds(30)), default);
            Assert.Equal(1, await AttemptsOutsideAsync(sent.MessageId));
        }

        Assert.Equal(1, await database.QueuedAsync(channel.Name));
        Assert.Null(await channel.ReceiveAsync(TimeSpan.Zero, default));
        clock.Advance(TimeSpan.FromSeconds(30));
        await using var retried = await channel.ReceiveAsync(TimeSpan.Zero, default);
        Assert.NotNull(retried);
        Assert.Equal(sent.MessageId, retried.Message.MessageId);
        Assert.Equal(sent.EndpointId, retried.Message.EndpointId);
        Assert.Equal(1, retried.Message.Attempts);
    }

    [Fact]
    public async Task Delivery_can_end_only_once()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        await channel.SendAsync(Messages.Create(), default);
        await using var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default);
        await delivery!.AcknowledgeAsync(default);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await delivery.RetryAsync(delivery.Message.ForRetry(null), default));
    }

    [Fact]
    public async Task Message_sent_in_a_session_exists_only_once_the_session_commits()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        await using var session = await PostgresSession.BeginAsync(database.DataSource, default);

        await channel.SendAsync(Messages.Create("outbox"), session, default);

        Assert.Null(await channel.ReceiveAsync(TimeSpan.Zero, default));
        await session.CommitAsync(default);
        await using var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default);
        Assert.Equal("outbox", delivery?.Message.Text());
    }

    [Fact]
    public async Task Message_sent_in_a_rolled_back_session_never_exists()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        await using (var session = await PostgresSession.BeginAsync(database.DataSource, default))
        {
            await channel.SendAsync(Messages.Create("cancelled"), session, default);
            await session.RollbackAsync(default);
        }

        Assert.Null(await channel.ReceiveAsync(TimeSpan.Zero, default));
        Assert.Equal(0, await database.QueuedAsync(channel.Name));
    }

    [Fact]
    public async Task Handler_effects_and_sent_messages_commit_with_the_acknowledgement()
    {
        var incoming = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        var outgoing = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        await incoming.SendAsync(Messages.Create("order"), default);

        await using (var delivery = await incoming.ReceiveAsync(TimeSpan.Zero, default))
        {
            var session = Assert.IsType<PostgresSession>(delivery!.Session);
            Assert.True(outgoing.Joins(session));
            await WriteEffectAsync(session, incoming.Name, 1);
            await outgoing.SendAsync(Messages.Create("invoice"), session, default);

            Assert.Null(await outgoing.ReceiveAsync(TimeSpan.Zero, default));
            Assert.Equal(0, await EffectsOutsideAsync(incoming.Name));
            await delivery.AcknowledgeAsync(default);
        }

        Assert.Equal(1, await EffectsOutsideAsync(incoming.Name));
        Assert.Equal(0, await database.QueuedAsync(incoming.Name));
        await using var invoice = await outgoing.ReceiveAsync(TimeSpan.Zero, default);
        Assert.Equal("invoice", invoice?.Message.Text());
    }

    [Fact]
    public async Task Crash_before_the_acknowledgement_undoes_effects_and_sent_messages_and_returns_the_message()
    {
        var incoming = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        var outgoing = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        await incoming.SendAsync(Messages.Create("order"), default);

        await using (var delivery = await incoming.ReceiveAsync(TimeSpan.Zero, default))
        {
            var session = (PostgresSession)delivery!.Session!;
            await WriteEffectAsync(session, incoming.Name, 1);
            await outgoing.SendAsync(Messages.Create("invoice"), session, default);
        }

        Assert.Equal(0, await EffectsOutsideAsync(incoming.Name));
        Assert.Equal(0, await database.QueuedAsync(outgoing.Name));
        Assert.Equal(1, await database.QueuedAsync(incoming.Name));
    }

    [Fact]
    public async Task Rolling_back_an_attempt_undoes_its_writes_but_keeps_the_message_claimed()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        await channel.SendAsync(Messages.Create(), default);
        await using var delivery = await channel.ReceiveAsync(TimeSpan.Zero, default);
        var session = (PostgresSession)delivery!.Session!;

        await session.BeginAttemptAsync(default);
        await WriteEffectAsync(session, channel.Name, 1);
        await session.RollbackAttemptAsync(default);

        // A failed statement aborts the whole transaction; rolling back the attempt recovers it.
        await session.BeginAttemptAsync(default);
        await WriteEffectAsync(session, channel.Name, 2);
        await using (var failing = session.CreateCommand("SELECT 1 / 0"))
        {
            await Assert.ThrowsAsync<PostgresException>(() => failing.ExecuteScalarAsync());
        }

        await session.RollbackAttemptAsync(default);

        Assert.Null(await channel.ReceiveAsync(TimeSpan.Zero, default));
        await session.BeginAttemptAsync(default);
        await WriteEffectAsync(session, channel.Name, 3);
        await delivery.AcknowledgeAsync(default);

        Assert.Equal(3, await database.ScalarAsync<long>($"SELECT sum(value) FROM {Effects} WHERE channel = $1", channel.Name));
        Assert.Equal(0, await database.QueuedAsync(channel.Name));
    }

    [Fact]
    public async Task Channel_joins_only_open_sessions_of_its_own_data_source()
    {
        var channel = new PostgresQueueChannel(Messages.NewChannel(), database.DataSource, database.Options);
        await using var otherSource = new NpgsqlSlimDataSourceBuilder(TestDatabase.ConnectionString).Build();
        await using var own = await PostgresSession.BeginAsync(database.DataSource, default);
        await using var other = await PostgresSession.BeginAsync(otherSource, default);

        Assert.True(channel.Joins(own));
        Assert.False(channel.Joins(other));
        await Assert.ThrowsAsync<ArgumentException>(async () => await channel.SendAsync(Messages.Create(), other, default));

        await own.CommitAsync(default);
        Assert.False(channel.Joins(own));
    }

    private async Task WriteEffectAsync(PostgresSession session, string channel, int value)
    {
        await using var insert = session.CreateCommand($"INSERT INTO {Effects} (channel, value) VALUES ($1, $2)");
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = channel });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = value });
        await insert.ExecuteNonQueryAsync();
    }

    private Task<long> EffectsOutsideAsync(string channel) =>
        database.ScalarAsync<long>($"SELECT count(*) FROM {Effects} WHERE channel = $1", channel);

    private Task<int> AttemptsOutsideAsync(Guid messageId) =>
        database.ScalarAsync<int>("SELECT attempts FROM {schema}.queue WHERE message_id = $1", messageId);
}
