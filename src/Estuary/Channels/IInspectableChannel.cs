using System.Threading;
using System.Threading.Tasks;

namespace Estuary.Channels;

/// <summary>A channel that can say how many messages wait in it (for operations tooling).</summary>
public interface IInspectableChannel
{
    /// <summary>Messages waiting, delayed ones included.</summary>
    ValueTask<long> CountPendingAsync(CancellationToken cancellationToken);
}
