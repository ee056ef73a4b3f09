using System;

namespace Estuary;

/// <summary>
/// Marks a saga's <see cref="bool"/> member that says the process is over. When it is
/// <see langword="true"/> after a handler returns, the saga is deleted from its store instead of
/// saved (its recorded events are still published); later events for it are skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class SagaCompletedAttribute : Attribute;
