using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Estuary.Runtime;
using Estuary.Tests.Aggregates.Flows;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.Tests.EventSourcing;

public sealed record WalletOpened(string WalletId);

public sealed record Deposited(string WalletId, int Amount);

public sealed class Wallet
{
    public string WalletId { get; set; } = string.Empty;

    public int Balance { get; set; }

    public long Version { get; set; }
}

/// <summary>What the generator would emit for <see cref="Wallet"/>.</summary>
internal sealed class WalletDefinition : EventSourcedAggregate<Wallet>
{
    public override string TypeName => "wallet";

    public override string StreamPrefix => "wallets";

    public override bool HasVersionMember => true;

    public override Wallet Create() => new();

    public override void Apply(Wallet aggregate, object @event)
    {
        switch (@event)
        {
            case WalletOpened opened:
                aggregate.WalletId = opened.WalletId;
                break;
            case Deposited deposited:
                aggregate.Balance += deposited.Amount;
                break;
        }
    }

    public override string IdOf(Wallet aggregate) => aggregate.WalletId;

    public override void SetVersion(Wallet aggregate, long version) => aggregate.Version = version;

    public override long VersionOf(Wallet aggregate) => aggregate.Version;
}

[JsonSerializable(typeof(WalletOpened))]
[JsonSerializable(typeof(Deposited))]
internal sealed partial class WalletJson : JsonSerializerContext;

/// <summary>The event-sourced flow generated endpoints call, on the in-memory event store.</summary>
public sealed class EventSourcedFlowTests : IDisposable
{
    private readonly RecordingEventBus _published = new(new RecordingRepository());
    private readonly ServiceProvider _services;
    private readonly IEventStore _store = new InMemoryEventStore();

    public EventSourcedFlowTests()
    {
        MessageType[] types =
        [
            new MessageType<WalletOpened>("wallet.opened", [], WalletJson.Default.WalletOpened),
            new MessageType<Deposited>("wallet.deposited", [], WalletJson.Default.Deposited),
        ];
        _services = Host.Create(e => e.AddModule(new FirstModule([], types)), services => services.AddSingleton<IEventBus>(_published));
        Wallets = new EventSourcedRepository<Wallet>(new WalletDefinition(), _store, _services.GetRequiredService<IDocumentStore>(), _services.Runtime());
    }

    private EventSourcedRepository<Wallet> Wallets { get; }

    [Fact]
    public async Task A_factory_starts_the_stream_publishes_its_events_after_the_append_and_returns_the_built_instance()
    {
        var wallet = await EventSourcedFlow.StartAsync(Wallets, [new WalletOpened("w1"), new Deposited("w1", 5)], Context());

        Assert.Equal(("w1", 5, 2L), (wallet.WalletId, wallet.Balance, wallet.Version));
        Assert.Equal(2, (await _store.ReadStreamAsync("wallets-w1")).Count);
        Assert.Equal(["WalletOpened { WalletId = w1 }", "Deposited { WalletId = w1, Amount = 5 }"], Published());
    }

    [Fact]
    public async Task An_action_appends_what_it_decided_at_the_version_it_loaded_and_answers()
    {
        await EventSourcedFlow.StartAsync(Wallets, [new WalletOpened("w1")], Context());

        var acted = await EventSourcedFlow.ActAsync(Wallets, "w1", 7, Context(), static (wallet, amount, _) =>
            ValueTask.FromResult(Decisions.Of(wallet.Balance + amount, new Deposited(wallet.WalletId, amount))));

        Assert.Equal(7, acted.Result);
        Assert.Equal(7, acted.Instance!.Balance);
        var stream = await _store.ReadStreamAsync("wallets-w1");
        Assert.Equal([1L, 2L], [stream[0].StreamVersion, stream[1].StreamVersion]);
        Assert.Equal("Deposited { WalletId = w1, Amount = 7 }", Published()[^1]);
    }

    [Fact]
    public async Task An_append_after_a_concurrent_one_fails_and_publishes_nothing()
    {
        await EventSourcedFlow.StartAsync(Wallets, [new WalletOpened("w1")], Context());
        var before = Published().Count;

        await Assert.ThrowsAnyAsync<ConcurrencyException>(() => EventSourcedFlow.ActAsync(Wallets, "w1", 1, Context(), async (wallet, amount, context) =>
        {
            // Another writer appends between this load and its append.
            await EventSourcedFlow.ActAsync(Wallets, "w1", 100, context, static (w, a, _) => ValueTask.FromResult(Decisions.Of(new Deposited(w.WalletId, a))));
            return Decisions.Of(new Deposited(wallet.WalletId, amount));
        }).AsTask());

        Assert.Equal(before + 1, Published().Count);
        Assert.Equal(2, (await _store.ReadStreamAsync("wallets-w1")).Count);
    }

    [Fact]
    public async Task A_missing_stream_fails_with_the_aggregate_and_id_or_is_skipped()
    {
        var missing = await Assert.ThrowsAsync<AggregateNotFoundException>(() =>
            EventSourcedFlow.ActAsync(Wallets, "nope", 1, Context(), static (_, _, _) => ValueTask.FromResult(Decisions.Of(null))).AsTask());
        var skipped = await EventSourcedFlow.ActAsync(Wallets, "nope", 1, Context(), static (_, _, _) => ValueTask.FromResult(Decisions.Of(null)), WhenMissing.Skip);

        Assert.Contains("wallet", missing.Message);
        Assert.Contains("nope", missing.Message);
        Assert.Null(skipped.Instance);
        Assert.Empty(Published());
    }

    [Fact]
    public async Task Load_or_start_starts_a_missing_stream_and_acts_on_an_existing_one()
    {
        var first = await ActOrStart();
        var second = await ActOrStart();

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(3, second.Instance!.Balance);
        Assert.Equal(2, (await _store.ReadStreamAsync("wallets-w9")).Count);

        ValueTask<Acted<Wallet, Nothing>> ActOrStart() => EventSourcedFlow.ActOrStartAsync(
            Wallets,
            "w9",
            3,
            Context(),
            static (wallet, amount, _) => ValueTask.FromResult(Decisions.Of(new Deposited(wallet.WalletId, amount))),
            static (_, _) => ValueTask.FromResult<IReadOnlyList<object>>([new WalletOpened("w9")]));
    }

    [Fact]
    public async Task A_query_loads_and_asks_and_appends_nothing()
    {
        await EventSourcedFlow.StartAsync(Wallets, [new WalletOpened("w1"), new Deposited("w1", 4)], Context());

        var balance = await EventSourcedFlow.AskAsync(Wallets, "w1", 0, Context(), static (wallet, _, _) => ValueTask.FromResult(wallet.Balance));

        Assert.Equal(4, balance);
        Assert.Equal(2, (await _store.ReadStreamAsync("wallets-w1")).Count);
    }

    public void Dispose() => _services.Dispose();

    private List<string> Published() => _published.Published.ConvertAll(p => p[..p.IndexOf(" after ", StringComparison.Ordinal)]);

    private MessageContext Context() => MessageContext.CreateForAsync(_services.Runtime(), headers: null, routingKey: null, CancellationToken.None);
}
