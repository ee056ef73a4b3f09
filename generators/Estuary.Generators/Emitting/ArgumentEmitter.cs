namespace Estuary.SourceGeneration;

/// <summary>C# expressions that produce a parameter's value inside a generated endpoint.</summary>
internal static class ArgumentEmitter
{
    /// <summary>
    /// The argument for <paramref name="parameter"/>. <paramref name="context"/> names the
    /// MessageContext variable, <paramref name="endpoint"/> the endpoint, <paramref name="message"/>
    /// the message variable.
    /// </summary>
    public static string For(ParameterModel parameter, string context, string endpoint, string message, EndpointPlan plan) => parameter.Binding switch
    {
        ParameterBinding.Message => message,
        ParameterBinding.Header => Header(parameter, context, endpoint),
        ParameterBinding.AllHeaders => context + ".Headers",
        ParameterBinding.Context => context,
        ParameterBinding.CancellationToken => context + ".CancellationToken",
        ParameterBinding.Invocation => "invocation",
        ParameterBinding.AttributeInstance => plan.AttributeFieldFor(parameter.HeaderValueType),
        ParameterBinding.ProjectionState => "global::Estuary.Runtime.ProjectionStates.Get<" + ServiceTypes.NonNullable(parameter.TypeName) + ">(" + context + ")",
        _ => Service(plan, ServiceTypes.NonNullable(parameter.TypeName), context),
    };

    /// <summary>The service of type <paramref name="typeName"/> for the current message, through the endpoint's slot.</summary>
    public static string Service(EndpointPlan plan, string typeName, string context) =>
        "((" + typeName + ")" + context + ".GetService(" + plan.SlotOf(typeName) + "))";

    private static string Header(ParameterModel parameter, string context, string endpoint)
    {
        var method = (parameter.Conversion, parameter.Optional, parameter.ValueTypeHeader) switch
        {
            (HeaderConversion.String, false, _) => "RequiredString",
            (HeaderConversion.String, true, _) => "OptionalString",
            (HeaderConversion.Parsable, false, _) => "RequiredParsable<" + parameter.HeaderValueType + ">",
            (HeaderConversion.Parsable, true, true) => "OptionalParsableValue<" + parameter.HeaderValueType + ">",
            (HeaderConversion.Parsable, true, false) => "OptionalParsableReference<" + parameter.HeaderValueType + ">",
            (HeaderConversion.Enum, false, _) => "RequiredEnum<" + parameter.HeaderValueType + ">",
            (HeaderConversion.Enum, true, _) => "OptionalEnum<" + parameter.HeaderValueType + ">",
            (HeaderConversion.Cast, false, _) => "RequiredCast<" + parameter.HeaderValueType + ">",
            (HeaderConversion.Cast, true, true) => "OptionalCastValue<" + parameter.HeaderValueType + ">",
            _ => "OptionalCastReference<" + parameter.HeaderValueType + ">",
        };
        return "global::Estuary.Runtime.HeaderBinding." + method + "(" + context + ", " + CSharpLiterals.String(parameter.HeaderName!) + ", " + endpoint + ", " + CSharpLiterals.String(parameter.Name) + ")";
    }
}
