using System.Threading.Tasks;
using Xunit;

namespace Estuary.Tests;

/// <summary>Reads the result of a send that must have completed synchronously (a synchronous endpoint).</summary>
internal static class Completed
{
    public static T Result<T>(ValueTask<T> pending)
    {
        Assert.True(pending.IsCompletedSuccessfully, "A send to a synchronous endpoint should complete synchronously.");
        return pending.Result;
    }
}
