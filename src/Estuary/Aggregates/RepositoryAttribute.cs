using System;

namespace Estuary;

/// <summary>
/// Marks a method of an application interface that Estuary implements over an aggregate's or saga's
/// repository, so services can read and store instances outside handlers. The method's shape says
/// what it does:
/// <list type="bullet">
/// <item><c>Task&lt;Order&gt; GetAsync(Guid orderId)</c>: loads the instance; <see cref="AggregateNotFoundException"/> when there is none.</item>
/// <item><c>Task&lt;Order?&gt; FindAsync(Guid orderId)</c>: loads the instance, or returns <see langword="null"/>.</item>
/// <item><c>Task SaveAsync(Order order)</c>: stores the instance (new, or at the version it was loaded at).</item>
/// </list>
/// Identifier parameters come in the order of the aggregate's <see cref="IdentifierAttribute"/>
/// members; a <see cref="System.Threading.CancellationToken"/> may come last; <c>ValueTask</c> works
/// as <c>Task</c> does. The implementation is registered with the module as a singleton.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RepositoryAttribute : Attribute;
