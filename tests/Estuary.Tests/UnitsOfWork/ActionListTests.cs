using System.Collections.Generic;
using Xunit;

namespace Estuary.Tests.UnitsOfWork;

/// <summary>The actions a unit of work undoes or runs after its commit: order, and where a retried step starts again.</summary>
public sealed class ActionListTests
{
    private readonly List<string> _ran = [];

    [Fact]
    public void Undoing_runs_the_actions_newest_first_and_forgets_them()
    {
        var actions = Registered("a", "b", "c");

        actions.UndoAfter(0);
        actions.UndoAfter(0);

        Assert.Equal(["c", "b", "a"], _ran);
        Assert.Equal(0, actions.Count);
    }

    [Theory]
    [InlineData(0, new[] { "d", "c", "b", "a" })]
    [InlineData(1, new[] { "d", "c", "b" })]
    [InlineData(2, new[] { "d", "c" })]
    [InlineData(4, new string[0])]
    public void Undoing_after_a_mark_keeps_what_was_registered_before_it(int keep, string[] undone)
    {
        var actions = Registered("a", "b", "c", "d");

        actions.UndoAfter(keep);

        Assert.Equal(undone, _ran);
        Assert.Equal(keep, actions.Count);

        // What was kept is undone later, once; what comes next is registered after it.
        _ran.Clear();
        actions.Add(() => _ran.Add("e"));
        actions.UndoAfter(0);
        Assert.Equal(["e", .. new[] { "d", "c", "b", "a" }[(4 - keep)..]], _ran);
    }

    [Fact]
    public void Running_all_goes_oldest_first_and_a_cleared_list_starts_empty()
    {
        var actions = Registered("a", "b", "c");

        actions.RunAll();
        actions.Add(() => _ran.Add("d"));
        actions.Clear();
        actions.Add(() => _ran.Add("e"));
        actions.RunAll();

        Assert.Equal(["a", "b", "c", "e"], _ran);
        Assert.Equal(0, actions.Count);
    }

    private ActionList Registered(params string[] names)
    {
        var actions = default(ActionList);
        foreach (var name in names)
        {
            actions.Add(() => _ran.Add(name));
        }

        Assert.Equal(names.Length, actions.Count);
        return actions;
    }
}
