using System;

namespace Estuary;

/// <summary>
/// Marks the parameterless method of an <see cref="AggregateAttribute"/> class that returns the events
/// the aggregate recorded while handling a command (any <c>IEnumerable</c>). After the aggregate is
/// saved, the generated endpoint publishes each of them in the same unit of work, so no subscriber
/// sees an event whose state change is not stored. Keep the recorded events in a field that is not
/// serialized (a private field), e.g.:
/// <code>
/// private readonly List&lt;object&gt; _recorded = [];
/// [AggregateEvents] public IEnumerable&lt;object&gt; RecordedEvents() => _recorded;
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class AggregateEventsAttribute : Attribute;
