using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>Everything needed to emit one endpoint: the handler, its woven interceptors and names.</summary>
internal sealed class EndpointPlan
{
    public EndpointPlan(HandlerModel handler, string memberName, IReadOnlyList<InterceptorModel> interceptors)
    {
        Handler = handler;
        FieldName = memberName;
        ClassName = memberName + "Endpoint";
        Befores = InterceptorMatcher.For(handler, interceptors, InterceptorKind.Before);
        Arounds = InterceptorMatcher.For(handler, interceptors, InterceptorKind.Around);
        Afters = InterceptorMatcher.For(handler, interceptors, InterceptorKind.After);
        IsAsync = handler.IsAsync || Arounds.Count > 0 || Befores.Concat(Afters).Any(i => HandlerRules.IsAsync(i.Return));
        MessageType = handler.Message?.TypeName ?? "object";
        ResultType = handler.ResultType ?? "global::Estuary.Runtime.Nothing";
        BaseType = handler.Kind == HandlerKind.Event
            ? "global::Estuary.Runtime.EventEndpoint<" + MessageType + ">"
            : "global::Estuary.Runtime.RequestEndpoint<" + MessageType + ", " + ResultType + ">";

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
    }

    private readonly Dictionary<string, string> _fieldByType = new();

    public HandlerModel Handler { get; }

    public string ClassName { get; }

    public string BaseType { get; }

    public string MessageType { get; }

    public string ResultType { get; }

    public bool IsAsync { get; }

    public IReadOnlyList<InterceptorModel> Befores { get; }

    public IReadOnlyList<InterceptorModel> Arounds { get; }

    public IReadOnlyList<InterceptorModel> Afters { get; }

    public IReadOnlyDictionary<string, AttributeModel> AttributeFields { get; }

    /// <summary>The module's static field holding the endpoint instance.</summary>
    public string FieldName { get; }

    public string AttributeFieldFor(string attributeType) => _fieldByType.TryGetValue(attributeType, out var name) ? name : "null!";
}
