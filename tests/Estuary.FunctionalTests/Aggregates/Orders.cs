using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Aggregates;

public sealed record OpenTab(Guid TabId, string Table);

public sealed record OrderDrink(Guid TabId, string Drink);

public sealed record CloseTab([property: TargetIdentifier("TabId")] Guid Tab, decimal Tip);

public sealed record DrinkOrdered(Guid TabId, string Drink);

public sealed record GetTabDrinks(Guid TabId);

public sealed record BillPaid(Guid TabId, decimal Amount);

public sealed record HappyHourStarted(Guid TabId);

/// <summary>A state-stored aggregate: its state is serialized as a document.</summary>
[Aggregate(Name = "tabs")]
public sealed class Tab
{
    [Identifier]
    public Guid TabId { get; set; }

    public string Table { get; set; } = string.Empty;

    public List<string> Drinks { get; set; } = [];

    public bool Closed { get; set; }

    public decimal Tip { get; set; }

    // Private: not serialized with the state.
    private readonly List<object> _recorded = [];

    [AggregateEvents]
    public IEnumerable<object> RecordedEvents() => _recorded;

    [CommandHandler]
    public static Tab Open(OpenTab command) => new() { TabId = command.TabId, Table = command.Table };

    [CommandHandler]
    public int Order(OrderDrink command, CallLog log)
    {
        if (Closed)
        {
            throw new InvalidOperationException($"Tab {TabId} is closed.");
        }

        Drinks.Add(command.Drink);
        _recorded.Add(new DrinkOrdered(TabId, command.Drink));
        log.Add($"{Table}: {command.Drink}");
        return Drinks.Count;
    }

    [CommandHandler]
    public async Task Close(CloseTab command)
    {
        await Task.Yield();
        Closed = true;
        Tip = command.Tip;
    }

    [CommandHandler("tab.reopen")]
    public void Reopen() => Closed = false;

    public decimal Paid { get; set; }

    /// <summary>A query asks the loaded instance; nothing is saved.</summary>
    [QueryHandler]
    public int CountDrinks(GetTabDrinks query) => Drinks.Count;

    /// <summary>An event reaches the instance it names, which is then saved.</summary>
    [EventHandler]
    public void OnBillPaid(BillPaid @event) => Paid += @event.Amount;

    public bool HappyHour { get; set; }

    /// <summary>Only open tabs care; an event for a tab that does not exist is skipped.</summary>
    [EventHandler(DropMessageOnNotFound = true)]
    public void OnHappyHour(HappyHourStarted @event) => HappyHour = true;
}

/// <summary>Subscribes to the aggregate's events and looks at what is stored when it runs.</summary>
public sealed class Barista(IDocumentStore store, CallLog log)
{
    [EventHandler]
    public async Task Prepare(DrinkOrdered @event)
    {
        var stored = await store.FindVersionedAsync<Tab>("tabs", @event.TabId.ToString("D"));
        log.Add($"prepare {@event.Drink}: stored v{stored!.Version} with {stored.Document.Drinks.Count} drink(s)");
    }
}

[JsonSerializable(typeof(Tab))]
[JsonSerializable(typeof(DrinkOrdered))]
[JsonSerializable(typeof(BillPaid))]
[JsonSerializable(typeof(OpenTab))]
[JsonSerializable(typeof(OrderDrink))]
[JsonSerializable(typeof(CloseTab))]
internal partial class TabJson : JsonSerializerContext;
