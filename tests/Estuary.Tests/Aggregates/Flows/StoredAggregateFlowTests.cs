using System.Threading.Tasks;
using Estuary.Runtime;
using Xunit;

namespace Estuary.Tests.Aggregates.Flows;

/// <summary>The state-stored flow generated aggregate and saga endpoints call, on a recording repository.</summary>
public sealed class StoredAggregateFlowTests
{
    [Fact]
    public async Task An_action_loads_the_instance_at_its_version_acts_saves_with_that_version_then_publishes_what_it_recorded()
    {
        using var harness = new FlowHarness();
        harness.Repository.Seed(new Counter { Id = "c1", Count = 1 }, version: 4);

        var acted = await StoredAggregateFlow.ActAsync(CounterDefinition.Instance, harness.Repository, "c1", 2, harness.Context(), static (counter, by, _) =>
        {
            Assert.Equal(4, counter.Version);
            counter.Count += by;
            counter.Recorded.Add(new Counted(counter.Id, counter.Count));
            return ValueTask.FromResult(counter.Count);
        });

        Assert.Equal((3, false), (acted.Result, acted.Created));
        Assert.Equal(["find c1", "save c1 at 4 (member 5)"], harness.Repository.Calls);
        Assert.Equal([new Counted("c1", 3) + " after 2 repository calls"], harness.Events.Published);
    }

    [Fact]
    public async Task A_missing_instance_fails_with_its_name_and_id_or_is_skipped()
    {
        using var harness = new FlowHarness();
        var acted = false;

        var missing = await Assert.ThrowsAsync<AggregateNotFoundException>(() => StoredAggregateFlow.ActAsync(
            CounterDefinition.Instance, harness.Repository, "nope", 1, harness.Context(), (_, _, _) => { acted = true; return Nothing.Completed; }).AsTask());
        var skipped = await StoredAggregateFlow.ActAsync(
            CounterDefinition.Instance, harness.Repository, "nope", 1, harness.Context(), (_, _, _) => { acted = true; return Nothing.Completed; }, WhenMissing.Skip);

        Assert.Contains("counters", missing.Message);
        Assert.Contains("nope", missing.Message);
        Assert.Null(skipped.Instance);
        Assert.False(acted);
        Assert.Equal(["find nope", "find nope"], harness.Repository.Calls);
    }

    [Fact]
    public async Task A_completed_saga_is_deleted_at_the_version_it_was_loaded_instead_of_saved()
    {
        using var harness = new FlowHarness();
        harness.Repository.Seed(new Counter { Id = "s1" }, version: 2);

        await StoredAggregateFlow.ActAsync(CounterDefinition.Instance, harness.Repository, "s1", 0, harness.Context(), static (saga, _, _) =>
        {
            saga.Closed = true;
            return Nothing.Completed;
        });

        Assert.Equal(["find s1", "delete s1 at 2"], harness.Repository.Calls);
        Assert.Null(harness.Repository.VersionOf("s1"));
    }

    [Fact]
    public async Task A_save_lost_to_a_concurrent_change_reloads_and_runs_the_handler_again_while_retries_remain()
    {
        using var harness = new FlowHarness();
        harness.Repository.Seed(new Counter { Id = "c1", Count = 1 }, version: 1);
        harness.Repository.ConflictsToRaise = 2;
        var runs = 0;

        var acted = await StoredAggregateFlow.ActAsync(CounterDefinition.Instance, harness.Repository, "c1", 1, harness.Context(), (counter, by, _) =>
        {
            runs++;
            counter.Count += by;
            return ValueTask.FromResult(counter.Count);
        }, retries: 2);

        // The concurrent writer set Count to 100 each time it won: the third run acts on its state.
        Assert.Equal(3, runs);
        Assert.Equal(101, acted.Result);
        Assert.Equal(3, harness.Repository.VersionOf("c1") - 1);
    }

    [Fact]
    public async Task Without_retries_a_lost_save_fails_the_handling()
    {
        using var harness = new FlowHarness();
        harness.Repository.Seed(new Counter { Id = "c1" }, version: 1);
        harness.Repository.ConflictsToRaise = 1;
        var runs = 0;

        await Assert.ThrowsAsync<ConcurrencyException>(() => StoredAggregateFlow.ActAsync(
            CounterDefinition.Instance, harness.Repository, "c1", 1, harness.Context(), (_, _, _) => { runs++; return Nothing.Completed; }).AsTask());

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Load_or_create_creates_a_missing_instance_at_version_one_and_acts_on_an_existing_one()
    {
        using var harness = new FlowHarness();

        var first = await StoredAggregateFlow.ActOrCreateAsync(
            CounterDefinition.Instance, harness.Repository, "c9", 5, harness.Context(),
            static (counter, by, _) => { counter.Count += by; return Nothing.Completed; },
            static (by, _) => ValueTask.FromResult(new Counter { Id = "c9", Count = by, Recorded = { new Counted("c9", by) } }));
        var second = await StoredAggregateFlow.ActOrCreateAsync(
            CounterDefinition.Instance, harness.Repository, "c9", 5, harness.Context(),
            static (counter, by, _) => { counter.Count += by; return Nothing.Completed; },
            static (_, _) => throw new Xunit.Sdk.XunitException("The instance exists: it must not be created again."));

        Assert.True(first.Created);
        Assert.Equal(1, first.Instance!.Version);
        Assert.False(second.Created);
        Assert.Equal(10, second.Instance!.Count);
        Assert.Equal(["find c9", "save c9 at 0 (member 1)", "find c9", "save c9 at 1 (member 2)"], harness.Repository.Calls);
        Assert.Equal([new Counted("c9", 5) + " after 2 repository calls"], harness.Events.Published);
    }

    [Fact]
    public async Task An_action_returning_another_instance_saves_it_as_new_after_the_acting_one_and_publishes_in_that_order()
    {
        using var harness = new FlowHarness();
        harness.Repository.Seed(new Counter { Id = "c1", Count = 4 }, version: 1);

        var acted = await StoredAggregateFlow.ActAndCreateAsync(
            CounterDefinition.Instance, harness.Repository, "c1", 2, harness.Context(),
            static (counter, half, _) =>
            {
                counter.Count -= half;
                counter.Recorded.Add(new Counted(counter.Id, counter.Count));
                return ValueTask.FromResult(new Counter { Id = "c2", Count = half, Recorded = { new Counted("c2", half) } });
            },
            CounterDefinition.Instance,
            harness.Repository);

        Assert.Equal("c2", acted.Result.Id);
        Assert.Equal(["find c1", "save c1 at 1 (member 2)", "save c2 at 0 (member 1)"], harness.Repository.Calls);
        Assert.Equal([new Counted("c1", 2) + " after 3 repository calls", new Counted("c2", 2) + " after 3 repository calls"], harness.Events.Published);
    }

    [Fact]
    public async Task A_query_loads_and_asks_and_saves_nothing()
    {
        using var harness = new FlowHarness();
        harness.Repository.Seed(new Counter { Id = "c1", Count = 7 }, version: 3);

        var count = await StoredAggregateFlow.AskAsync(CounterDefinition.Instance, harness.Repository, "c1", 0, harness.Context(), static (counter, _, _) => ValueTask.FromResult(counter.Count));

        Assert.Equal(7, count);
        Assert.Equal(["find c1"], harness.Repository.Calls);
    }
}
