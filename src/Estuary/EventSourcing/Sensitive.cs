using System;
using System.Threading;
using System.Threading.Tasks;

namespace Estuary;

/// <summary>
/// Marks an event member holding personal data. It is stored encrypted with a key of its subject (the
/// aggregate the event belongs to), through the host's <see cref="IEventPayloadProtector"/>; forgetting
/// the subject's key makes every stored copy unreadable (crypto-shredding), and those members then read
/// as <see langword="null"/>. An event with sensitive members cannot be stored without a protector.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class SensitiveAttribute : Attribute;

/// <summary>
/// Encrypts and decrypts the <see cref="SensitiveAttribute"/> members of events, with one key per
/// subject. Register one to store such events; <see cref="InMemoryEventPayloadProtector"/> keeps its keys
/// in memory. A persistent implementation keeps keys apart from the events, so deleting a key erases the
/// data everywhere the events were copied.
/// </summary>
public interface IEventPayloadProtector
{
    /// <summary>
    /// Encrypts <paramref name="plaintext"/> (a member's JSON, a snapshot) with the key of
    /// <paramref name="subject"/>, creating the key if needed, bound to <paramref name="context"/> (which
    /// event and member, or which snapshot, the value is stored as): the result decrypts only with the same
    /// subject and context, so a value moved elsewhere is detected. An empty context binds the subject only.
    /// </summary>
    ValueTask<byte[]> ProtectAsync(string subject, ReadOnlyMemory<byte> plaintext, string context, CancellationToken cancellationToken);

    /// <summary>
    /// Decrypts with the key of <paramref name="subject"/> and the <paramref name="context"/> it was
    /// protected with, or returns <see langword="null"/> when the key was forgotten.
    /// </summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The value was protected for another subject or context, or was altered.</exception>
    ValueTask<byte[]?> UnprotectAsync(string subject, ReadOnlyMemory<byte> ciphertext, string context, CancellationToken cancellationToken);

    /// <summary>Deletes the key of <paramref name="subject"/>: its protected members can no longer be read.</summary>
    ValueTask ForgetAsync(string subject, CancellationToken cancellationToken);
}
