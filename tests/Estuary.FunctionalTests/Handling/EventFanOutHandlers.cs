using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Handling;

public sealed record CustomerJoined(string Name);

public sealed record CustomerLeft(string Name);

public sealed class WelcomeMailer(CallLog log)
{
    [EventHandler(Priority = 10)]
    public void SendWelcome(CustomerJoined @event) => log.Add($"welcome mail (10) {@event.Name}");
}

/// <summary>Several subscribers of one event, across priorities and return kinds.</summary>
public static class CustomerJoinedSubscribers
{
    [EventHandler(Priority = -5)]
    public static async Task ArchiveAsync(CustomerJoined @event, CallLog log)
    {
        await Task.Yield();
        log.Add($"archive (-5) {@event.Name}");
    }

    [EventHandler]
    public static async ValueTask CountAsync(CustomerJoined @event, CallLog log)
    {
        await Task.Yield();
        log.Add($"count (0) {@event.Name}");
    }

    [EventHandler(Priority = 5)]
    public static void Notify(CustomerJoined @event, CallLog log) => log.Add($"notify (5) {@event.Name}");
}

/// <summary>
/// Synchronous subscribers with equal priority, declared in non-alphabetical order: the attribute
/// documents that equal priorities keep declaration order.
/// </summary>
public static class CustomerLeftSubscribers
{
    [EventHandler]
    public static void Zebra(CustomerLeft @event, CallLog log) => log.Add("zebra (declared first)");

    [EventHandler]
    public static void Aardvark(CustomerLeft @event, CallLog log) => log.Add("aardvark (declared second)");

    [EventHandler(Priority = 1)]
    public static void Urgent(CustomerLeft @event, CallLog log) => log.Add("urgent (1)");
}
