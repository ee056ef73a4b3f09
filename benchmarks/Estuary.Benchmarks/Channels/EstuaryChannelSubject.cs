using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Benchmarks.ChannelSubjects;
using Estuary.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Estuary.Benchmarks.Channels;

/// <summary>
/// Estuary on a Postgres channel: the generated handler <see cref="WorkHandler.Handle"/>, consumed by
/// <see cref="EstuaryConsumers.RunAsync(string, ConsumerLimits?, CancellationToken)"/> with
/// <c>Concurrency</c> loops, each woken by LISTEN/NOTIFY. Every send is the typed
/// <c>commands.SendAsync</c> inside <see cref="PostgresUnitOfWork.RunAsync(System.Func{CancellationToken, Task}, CancellationToken)"/>:
/// the queue row is written in that transaction (Estuary's outbox) and exists once it commits.
/// </summary>
public sealed class EstuaryChannelSubject : IChannelSubject
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ServiceProvider _provider;
    private readonly ICommandBus _commands;
    private readonly PostgresUnitOfWork _unitOfWork;
    private readonly CancellationTokenSource _stop = new();
    private Task<ConsumerRunResult>? _consumers;

    private EstuaryChannelSubject(NpgsqlDataSource dataSource, ServiceProvider provider)
    {
        _dataSource = dataSource;
        _provider = provider;
        _commands = provider.GetRequiredService<ICommandBus>();
        _unitOfWork = provider.GetRequiredService<PostgresUnitOfWork>();
    }

    public string Library => "Estuary";

    public string EffectTable => WorkHandler.EffectTable;

    public static async Task<EstuaryChannelSubject> StartAsync(int consumers)
    {
        var dataSource = NpgsqlDataSource.Create(ChannelDatabase.ConnectionString);
        await ChannelDatabase.PrepareAsync(dataSource);
        var services = new ServiceCollection();
        services.AddEstuary(estuary => estuary
            .AddModule<ChannelSubjectsModule>()
            .UsePostgres(dataSource, postgres =>
            {
                postgres.Options.SchemaName = ChannelDatabase.EstuarySchema;
                postgres.AddChannel(WorkHandler.Channel, consumer => consumer.Concurrency = consumers);
            }));
        var subject = new EstuaryChannelSubject(dataSource, services.BuildServiceProvider());

        // A clean slate: nothing left in the queue or the bookkeeping by an earlier (failed) run.
        await new PostgresSchema(ChannelDatabase.EstuarySchema).EnsureCreatedAsync(dataSource, CancellationToken.None);
        await ChannelDatabase.ExecuteAsync(dataSource, $"""
            TRUNCATE {WorkHandler.EffectTable};
            TRUNCATE "{ChannelDatabase.EstuarySchema}".queue, "{ChannelDatabase.EstuarySchema}".dead_letter, "{ChannelDatabase.EstuarySchema}".deduplication;
            """);

        var runner = subject._provider.GetRequiredService<EstuaryConsumers>();
        subject._consumers = runner.RunAsync(WorkHandler.Channel, ConsumerLimits.None, subject._stop.Token);
        return subject;
    }

    public async Task<long> SendAsync(long sequence)
    {
        var command = new ChannelWork(sequence);
        await _unitOfWork.RunAsync(token => _commands.SendAsync(command, token).AsTask());
        return Stopwatch.GetTimestamp();
    }

    public async Task VerifyAndResetAsync(int messages)
    {
        var schema = $"\"{ChannelDatabase.EstuarySchema}\"";
        await ChannelDatabase.ExpectNoneAsync(_dataSource, $"SELECT count(*) FROM {schema}.queue", "queued Estuary messages");
        await ChannelDatabase.ExpectNoneAsync(_dataSource, $"SELECT count(*) FROM {schema}.dead_letter", "dead-lettered Estuary messages");
        await ChannelDatabase.ExpectCountAsync(_dataSource, $"SELECT count(*) FROM {schema}.deduplication", messages, "Estuary deduplication marks");

        // The deduplication marks of handled messages are Estuary's record of them (Wolverine's is its
        // inbox rows); both are removed after each operation. VACUUM keeps dead queue rows from piling up.
        await ChannelDatabase.ExecuteAsync(_dataSource, $"TRUNCATE {WorkHandler.EffectTable}, {schema}.deduplication");
        await ChannelDatabase.ExecuteAsync(_dataSource, $"VACUUM (ANALYZE) {schema}.queue");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_consumers is not null)
        {
            await _consumers;
        }

        await _provider.DisposeAsync();
        await _dataSource.DisposeAsync();
        _stop.Dispose();
    }
}
