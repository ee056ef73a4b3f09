using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// Everything needed to emit one endpoint, as data: the handler, the interceptors woven around it,
/// the names of the generated class and field, and the static fields it needs (a slot per service
/// type, one per attribute an interceptor receives). The emitters turn it into code.
/// </summary>
internal sealed class EndpointPlan
{
    public EndpointPlan(HandlerModel handler, string memberName, IReadOnlyList<InterceptorModel> interceptors, string holder, string moduleFullName)
    {
        Handler = handler;
        FieldName = memberName;
        EndpointReference = holder + "." + memberName;
        ModuleFullName = moduleFullName;
        ClassName = memberName + "Endpoint";
        Befores = InterceptorMatcher.For(handler, interceptors, InterceptorKind.Before);
        Arounds = InterceptorMatcher.For(handler, interceptors, InterceptorKind.Around);
        Afters = InterceptorMatcher.For(handler, interceptors, InterceptorKind.After);
        IsAsync = handler.NeedsAsyncEndpoint || Arounds.Count > 0 || Befores.Concat(Afters).Any(i => HandlerRules.IsAsync(i.Return));
        MessageType = handler.Message?.TypeName ?? "object";
        ResultType = handler.ResultType ?? "global::Estuary.Runtime.Nothing";

        // One static field per attribute type an interceptor receives.
        var fields = new Dictionary<string, AttributeModel>();
        foreach (var parameter in Befores.Concat(Arounds).Concat(Afters).SelectMany(i => i.Parameters))
        {
            if (parameter.Binding == ParameterBinding.AttributeInstance && !_fieldByType.ContainsKey(parameter.HeaderValueType)
                && InterceptorMatcher.FindAttribute(handler, parameter.HeaderValueType) is { } attribute)
            {
                var name = "s_attribute" + fields.Count;
                fields[name] = attribute with { TypeName = parameter.HeaderValueType };
                _fieldByType[parameter.HeaderValueType] = name;
            }
        }

        AttributeFields = fields;

        // One slot field per service type the endpoint resolves, in the order they are first needed.
        var services = new List<string>();
        if (handler.Aggregate is { } aggregate)
        {
            // Aggregates are loaded from and saved to their repository, never resolved from DI.
            services.Add(ServiceTypes.Repository(aggregate));
            if (aggregate.Creates is { } created)
            {
                services.Add(ServiceTypes.StoredRepository(created.TypeName));
            }
        }
        else if (!handler.IsStatic)
        {
            services.Add(handler.DeclaringType.FullName);
        }

        services.AddRange(Befores.Concat(Arounds).Concat(Afters).Where(i => !i.IsStatic).Select(i => i.DeclaringType.FullName));
        services.AddRange(handler.Parameters.Concat(handler.CreateWith?.Parameters ?? []).Concat(Befores.Concat(Arounds).Concat(Afters).SelectMany(i => i.Parameters))
            .Where(p => p.Binding == ParameterBinding.Service)
            .Select(p => ServiceTypes.NonNullable(p.TypeName)));
        foreach (var service in services)
        {
            if (!_serviceSlots.ContainsKey(service))
            {
                var field = "s_service" + _serviceSlots.Count;
                _serviceSlots[service] = field;
                _slotOrder.Add(new KeyValuePair<string, string>(service, field));
            }
        }
    }

    private readonly Dictionary<string, string> _serviceSlots = new(System.StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, string>> _slotOrder = [];

    /// <summary>Service type to the static field holding its slot, in the order the fields are numbered.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServiceSlots => _slotOrder;

    /// <summary>The static field holding the slot of <paramref name="typeName"/>, a service the endpoint resolves.</summary>
    public string SlotOf(string typeName) => _serviceSlots[typeName];

    private readonly Dictionary<string, string> _fieldByType = new();

    public HandlerModel Handler { get; }

    public string ClassName { get; }

    public string MessageType { get; }

    public string ResultType { get; }

    public bool IsAsync { get; }

    public IReadOnlyList<InterceptorModel> Befores { get; }

    public IReadOnlyList<InterceptorModel> Arounds { get; }

    public IReadOnlyList<InterceptorModel> Afters { get; }

    public IReadOnlyDictionary<string, AttributeModel> AttributeFields { get; }

    /// <summary>The holder's static field holding the endpoint instance.</summary>
    public string FieldName { get; }

    /// <summary>The endpoint instance as code in static lambdas reaches it: <c>Holder.Field</c>.</summary>
    public string EndpointReference { get; }

    /// <summary>The module class, <c>global::</c>-qualified: definitions nested in it are reached through it.</summary>
    public string ModuleFullName { get; }

    public string AttributeFieldFor(string attributeType) => _fieldByType.TryGetValue(attributeType, out var name) ? name : "null!";
}
