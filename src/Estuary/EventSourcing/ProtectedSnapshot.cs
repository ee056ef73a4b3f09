namespace Estuary;

/// <summary>
/// The snapshot of an aggregate whose state may hold [Sensitive] data, as stored: its JSON encrypted with
/// the aggregate's subject key, bound to the aggregate type. Forgetting the subject makes it unreadable,
/// and the state is rebuilt from the events instead.
/// </summary>
/// <param name="Sealed">Nonce, tag and ciphertext of the state's JSON.</param>
internal sealed record ProtectedSnapshot(byte[] Sealed);
