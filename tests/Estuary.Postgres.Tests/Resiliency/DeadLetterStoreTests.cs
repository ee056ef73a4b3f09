using System;
using System.Linq;
using System.Threading.Tasks;
using Estuary.Channels;
using Xunit;

namespace Estuary.Postgres.Tests;

public sealed class DeadLetterStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset s_failedAt = new(2030, 5, 1, 8, 30, 15, TimeSpan.Zero);

    [Fact]
    public async Task Added_entry_can_be_read_back_with_every_field()
    {
        var store = new PostgresDeadLetterStore(database.DataSource, database.Options);
        var entry = DeadLetter.For("orders", Messages.Create("poison", priority: 4, attempts: 3), "Card declined", new InvalidOperationException("Card declined"), s_failedAt);

        await store.AddAsync(entry, default);
        var read = await store.GetAsync(entry.Id, entry.Message.EndpointId, default);

        Assert.NotNull(read);
        Assert.Equal(entry.Id, read.Id);
        Assert.Equal("orders", read.Channel);
        Messages.Equivalent(entry.Message, read.Message);
        Assert.Equal("Card declined", read.Reason);
        Assert.Equal(typeof(InvalidOperationException).FullName, read.ExceptionType);
        Assert.Equal(entry.ExceptionDetails, read.ExceptionDetails);
        Assert.Equal(s_failedAt, read.FailedAt);
    }

    [Fact]
    public async Task Entry_without_exception_or_payload_name_round_trips()
    {
        var store = new PostgresDeadLetterStore(database.DataSource, database.Options);
        var message = new ChannelMessage { MessageId = Guid.NewGuid(), EndpointId = "ping" };
        await store.AddAsync(DeadLetter.For("pings", message, "Unknown message", null, s_failedAt), default);

        var read = await store.GetAsync(message.MessageId, "ping", default);

        Assert.NotNull(read);
        Assert.Null(read.Message.MessageName);
        Assert.Null(read.ExceptionType);
        Assert.Null(read.ExceptionDetails);
        Assert.Empty(read.Message.Headers);
    }

    [Fact]
    public async Task Failure_text_with_nul_characters_is_still_stored()
    {
        var store = new PostgresDeadLetterStore(database.DataSource, database.Options);
        var entry = DeadLetter.For("orders", Messages.Create(), "bad\0input", new FormatException("bad\0input"), s_failedAt);

        await store.AddAsync(entry, default);

        var read = await store.GetAsync(entry.Id, entry.Message.EndpointId, default);
        Assert.Equal("bad\uFFFDinput", read!.Reason);
        Assert.Contains("bad\uFFFDinput", read.ExceptionDetails, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_the_same_message_and_endpoint_again_replaces_the_entry()
    {
        var store = await EmptyStoreAsync();
        var message = Messages.Create();
        await store.AddAsync(DeadLetter.For("orders", message, "first failure", null, s_failedAt), default);

        await store.AddAsync(DeadLetter.For("orders", message.ForRetry(null), "second failure", null, s_failedAt.AddMinutes(1)), default);

        Assert.Equal(1, await store.CountAsync(default));
        var read = await store.GetAsync(message.MessageId, message.EndpointId, default);
        Assert.Equal("second failure", read!.Reason);
        Assert.Equal(1, read.Message.Attempts);
        Assert.Equal(s_failedAt.AddMinutes(1), read.FailedAt);
    }

    [Fact]
    public async Task Removing_a_replayed_generation_leaves_the_entry_stored_again_since()
    {
        var store = await EmptyStoreAsync();
        var message = Messages.Create();
        await store.AddAsync(DeadLetter.For("orders", message, "first failure", null, s_failedAt), default);
        var replayed = (await store.GetAsync(message.MessageId, message.EndpointId, default))!;

        // The replayed message failed again before the replay removed its entry.
        await store.AddAsync(DeadLetter.For("orders", message, "failed again", null, s_failedAt), default);

        Assert.False(await store.RemoveAsync(replayed, default));
        var kept = await store.GetAsync(message.MessageId, message.EndpointId, default);
        Assert.Equal("failed again", kept!.Reason);
        Assert.True(kept.Generation > replayed.Generation);
        Assert.True(await store.RemoveAsync(kept, default));
        Assert.Equal(0, await store.CountAsync(default));
    }

    [Fact]
    public async Task Listing_generations_walks_the_entries_stored_up_to_a_point_in_storing_order()
    {
        var store = await EmptyStoreAsync();
        var first = Messages.Create();
        var second = Messages.Create();
        await store.AddAsync(DeadLetter.For("orders", first, "failed", null, s_failedAt), default);
        await store.AddAsync(DeadLetter.For("orders", second, "failed", null, s_failedAt), default);
        var through = await store.LastGenerationAsync(default);
        await store.AddAsync(DeadLetter.For("orders", first, "failed again", null, s_failedAt), default);

        var walked = await store.ListGenerationsAsync(0, through, 10, default);

        Assert.Equal([second.MessageId], walked.Select(e => e.Id));
        Assert.Equal(2, await store.CountAsync(default));
    }

    [Fact]
    public async Task Same_message_for_another_endpoint_is_a_separate_entry()
    {
        var store = await EmptyStoreAsync();
        var message = Messages.Create();
        var other = new ChannelMessage { MessageId = message.MessageId, EndpointId = "audit.record" };
        await store.AddAsync(DeadLetter.For("orders", message, "failed", null, s_failedAt), default);
        await store.AddAsync(DeadLetter.For("orders", other, "failed", null, s_failedAt), default);

        Assert.Equal(2, await store.CountAsync(default));
        Assert.NotNull(await store.GetAsync(message.MessageId, "audit.record", default));
    }

    [Fact]
    public async Task List_returns_oldest_first_and_pages()
    {
        var store = await EmptyStoreAsync();
        var reasons = new[] { "third", "first", "second" };
        var offsets = new[] { 3, 1, 2 };
        for (var i = 0; i < 3; i++)
        {
            await store.AddAsync(DeadLetter.For("orders", Messages.Create(), reasons[i], null, s_failedAt.AddMinutes(offsets[i])), default);
        }

        var all = await store.ListAsync(0, 10, default);
        var page = await store.ListAsync(1, 1, default);

        Assert.Equal(["first", "second", "third"], all.Select(e => e.Reason));
        Assert.Equal("second", Assert.Single(page).Reason);
    }

    [Fact]
    public async Task Delete_removes_the_entry_and_says_whether_it_existed()
    {
        var store = new PostgresDeadLetterStore(database.DataSource, database.Options);
        var entry = DeadLetter.For("orders", Messages.Create(), "failed", null, s_failedAt);
        await store.AddAsync(entry, default);

        Assert.True(await store.DeleteAsync(entry.Id, entry.Message.EndpointId, default));
        Assert.False(await store.DeleteAsync(entry.Id, entry.Message.EndpointId, default));
        Assert.Null(await store.GetAsync(entry.Id, entry.Message.EndpointId, default));
    }

    [Fact]
    public async Task Entry_added_in_a_session_exists_only_if_the_session_commits()
    {
        var store = new PostgresDeadLetterStore(database.DataSource, database.Options);
        var kept = DeadLetter.For("orders", Messages.Create(), "kept", null, s_failedAt);
        var undone = DeadLetter.For("orders", Messages.Create(), "undone", null, s_failedAt);

        await using (var session = await PostgresSession.BeginAsync(database.DataSource, default))
        {
            await store.AddAsync(kept, session, default);
            Assert.Null(await store.GetAsync(kept.Id, kept.Message.EndpointId, default));
            await session.CommitAsync(default);
        }

        await using (var session = await PostgresSession.BeginAsync(database.DataSource, default))
        {
            await store.AddAsync(undone, session, default);
        }

        Assert.NotNull(await store.GetAsync(kept.Id, kept.Message.EndpointId, default));
        Assert.Null(await store.GetAsync(undone.Id, undone.Message.EndpointId, default));
    }

    // Tests that count entries start from an empty table: a class's tests share its schema but run one at a time.
    private async Task<PostgresDeadLetterStore> EmptyStoreAsync()
    {
        var store = new PostgresDeadLetterStore(database.DataSource, database.Options);
        await using var clear = database.DataSource.CreateCommand($"DELETE FROM \"{database.Schema}\".dead_letter");
        await clear.ExecuteNonQueryAsync();
        return store;
    }
}
