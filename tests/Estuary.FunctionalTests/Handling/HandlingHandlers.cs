using System.Threading.Tasks;

namespace Estuary.FunctionalTests.Handling;

// Plain records: no base class, no marker interface saying what a query returns.
public sealed record RegisterCustomer(string Name);

public sealed record GetGreeting(string Name);

public sealed record Greeting(string Text);

public sealed record AllocateCustomerNumber(string Prefix);

public sealed record IssueVoucher(string Code);

public sealed record ArchiveCustomer(string Name);

public sealed record CountArchivedCustomers;

public sealed class CustomerHandlers(CallLog log)
{
    private int _issued;

    [CommandHandler]
    public void Register(RegisterCustomer command) => log.Add($"registered {command.Name}");

    [QueryHandler]
    public Greeting Greet(GetGreeting query) => new($"Hello, {query.Name}");

    // A command handler may return a value: the typed SendAsync returns it.
    [CommandHandler]
    public int Allocate(AllocateCustomerNumber command)
    {
        log.Add($"allocated for {command.Prefix}");
        return 1000 + command.Prefix.Length;
    }

    [CommandHandler]
    public async Task<string> IssueAsync(IssueVoucher command)
    {
        await Task.Yield();
        var number = System.Threading.Interlocked.Increment(ref _issued);
        log.Add($"issued {command.Code}");
        return $"{command.Code}-{number}";
    }
}

/// <summary>Static handlers: no instance, services come in as parameters.</summary>
public static class ArchiveHandlers
{
    [CommandHandler]
    public static void Archive(ArchiveCustomer command, CallLog log) => log.Add($"archived {command.Name}");

    [QueryHandler]
    public static int CountArchived(CountArchivedCustomers query, CallLog log)
    {
        var count = 0;
        foreach (var entry in log.Entries)
        {
            if (entry.StartsWith("archived ", System.StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }
}
