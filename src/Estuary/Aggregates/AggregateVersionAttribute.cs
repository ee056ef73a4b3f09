using System;

namespace Estuary;

/// <summary>
/// Marks an aggregate's or saga's <see cref="long"/> or <see cref="int"/> member that holds its
/// stored version. Estuary keeps it current: it is set from the store when the instance is loaded
/// and advanced before each save, so the stored state always carries the version it was saved at.
/// The member needs a setter the generated code can call (public or internal).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class AggregateVersionAttribute : Attribute;
