namespace Estuary;

/// <summary>A document that must exist (<see cref="IDocumentStore.GetAsync"/>, <see cref="IDocumentStore.UpdateAsync"/>) does not.</summary>
public sealed class DocumentNotFoundException(string collection, string id) : EstuaryException(
    $"Collection '{collection}' has no document '{id}'. Add it first (AddAsync or UpsertAsync), or read it with FindAsync, which returns null for a missing document.")
{
    /// <summary>The collection that was searched.</summary>
    public string Collection { get; } = collection;

    /// <summary>The id that was not found.</summary>
    public string Id { get; } = id;
}

/// <summary><see cref="IDocumentStore.AddAsync"/> was given an id its collection already has.</summary>
public sealed class DocumentAlreadyExistsException(string collection, string id) : EstuaryException(
    $"Collection '{collection}' already has a document '{id}'. Replace it with UpdateAsync or UpsertAsync, or add the new document under another id.")
{
    /// <summary>The collection that already has the document.</summary>
    public string Collection { get; } = collection;

    /// <summary>The id that is taken.</summary>
    public string Id { get; } = id;
}

/// <summary>
/// <see cref="IDocumentStore.SaveAsync"/> expected a document at one version and found another: another
/// writer saved (or deleted) it since it was read. Read it again, reapply the change and save again.
/// </summary>
public class ConcurrencyException(string collection, string id, long expectedVersion, long actualVersion, string? message = null)
    : EstuaryException(message ?? Describe(collection, id, expectedVersion, actualVersion))
{
    /// <summary>Creates the exception for a document that another writer changed since it was read.</summary>
    public ConcurrencyException(string collection, string id, long expectedVersion, long actualVersion)
        : this(collection, id, expectedVersion, actualVersion, null)
    {
    }

    /// <summary>The collection of the document.</summary>
    public string Collection { get; } = collection;

    /// <summary>The id of the document.</summary>
    public string Id { get; } = id;

    /// <summary>The version the save expected (0: that the document did not exist).</summary>
    public long ExpectedVersion { get; } = expectedVersion;

    /// <summary>The version found (0: the document does not exist).</summary>
    public long ActualVersion { get; } = actualVersion;

    private static string Describe(string collection, string id, long expected, long actual)
    {
        var found = actual == 0 ? "does not exist" : $"is at version {actual}";
        var wanted = expected == 0 ? "expected not to exist yet" : $"expected at version {expected}";
        return $"Document '{id}' in collection '{collection}' {found}, but was {wanted}: another writer changed it since it was read. "
            + "Read it again (FindVersionedAsync), reapply the change and save it with the version read.";
    }
}
