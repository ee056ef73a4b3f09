using System;

namespace Estuary;

/// <summary>An event to append: its id, stable type name and revision, JSON payload and metadata.</summary>
/// <param name="EventId">Unique per event; the PostgreSQL store refuses an id it already holds (in any stream), so an append retried after its commit was lost fails instead of duplicating.</param>
/// <param name="Type">The stable name the event is stored under (<c>[NamedEvent]</c>), not a CLR type name.</param>
/// <param name="Data">The payload, UTF-8 JSON.</param>
/// <param name="Metadata">Correlation, causation, aggregate and user headers stored beside the payload.</param>
/// <param name="Revision">The payload's schema revision, for upcasting on read (1 unless <c>[Revision]</c> says otherwise).</param>
public sealed record EventData(Guid EventId, string Type, ReadOnlyMemory<byte> Data, EventMetadata Metadata, int Revision = 1);
