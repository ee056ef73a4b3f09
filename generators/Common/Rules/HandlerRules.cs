using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>How a handler or interceptor parameter receives its value.</summary>
internal enum ParameterBinding
{
    Message,
    Header,
    AllHeaders,
    Context,
    CancellationToken,
    Service,
    Invocation,
    AttributeInstance,

    /// <summary>[ProjectionState]: the state a projection keeps with its position.</summary>
    ProjectionState,
    Unbindable,
}

/// <summary>Why a parameter cannot be bound.</summary>
internal enum ParameterProblem
{
    /// <summary>[Header] without a header name.</summary>
    EmptyHeaderName,

    /// <summary>ref, out, in or params: generated code passes plain values.</summary>
    NotByValue,

    /// <summary>IInvocation, which only an [Around] receives.</summary>
    InvocationOutsideAround,

    /// <summary>A primitive, string, value type, array, delegate or pointer without [Header]: no container holds one.</summary>
    NotAService,

    /// <summary>The message is passed by ref or out; it is passed by value (or in).</summary>
    MessageByReference,

    /// <summary>The message's type is not a class, record, struct or interface (an array, pointer, delegate...).</summary>
    NotAMessageType,
}

/// <summary>How a header value is converted to the parameter's type.</summary>
internal enum HeaderConversion
{
    String,
    Parsable,
    Enum,
    Cast,
}

/// <summary>What a handler method returns.</summary>
internal enum ReturnKind
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>
/// The binding rules shared by the generator (which wires what is valid) and the analyzers (which
/// report what is not), so both always agree on what a handler signature means.
/// </summary>
internal static class HandlerRules
{
    public static ReturnKind ClassifyReturn(IMethodSymbol method, out ITypeSymbol? resultType)
    {
        resultType = null;
        var returnType = method.ReturnType;
        if (method.ReturnsVoid)
        {
            return ReturnKind.Void;
        }

        if (returnType is INamedTypeSymbol named)
        {
            var name = MetadataName(named.OriginalDefinition);
            switch (name)
            {
                case KnownNames.Task:
                    return ReturnKind.Task;
                case KnownNames.ValueTask:
                    return ReturnKind.ValueTask;
                case KnownNames.TaskOfT:
                    resultType = named.TypeArguments[0];
                    return ReturnKind.TaskOfT;
                case KnownNames.ValueTaskOfT:
                    resultType = named.TypeArguments[0];
                    return ReturnKind.ValueTaskOfT;
            }
        }

        resultType = returnType;
        return ReturnKind.Value;
    }

    /// <summary>An [Around] returns the (boxed) result of the chain: object, Task&lt;object&gt; or ValueTask&lt;object&gt;.</summary>
    public static bool IsAroundResult(ReturnKind kind, ITypeSymbol? resultType) =>
        kind is ReturnKind.Value or ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT && resultType?.SpecialType == SpecialType.System_Object;

    public static bool IsAsync(ReturnKind kind) => kind is not (ReturnKind.Void or ReturnKind.Value);

    public static bool HasResult(ReturnKind kind) => kind is ReturnKind.Value or ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT;

    /// <summary>
    /// Whether the first parameter carries the message. It does unless the handler has a routing
    /// key and the first parameter is bound to something else (a header, the token, the context).
    /// </summary>
    public static bool FirstParameterIsMessage(IMethodSymbol method, bool hasRoutingKey) =>
        method.Parameters.Length > 0 && (!hasRoutingKey || IsPayloadParameter(method.Parameters[0]));

    /// <summary>
    /// Whether a parameter carries a payload sent by routing key (a routing-key handler's first
    /// parameter, a business method's payload): a class, interface, struct or record struct passed
    /// by value, <c>Guid</c> included. Primitives and strings travel as <c>[Header]</c>s instead.
    /// </summary>
    public static bool IsPayloadParameter(IParameterSymbol parameter) =>
        ClassifyParameter(parameter, isInterceptor: false, out var header) switch
        {
            ParameterBinding.Service => true,
            ParameterBinding.Unbindable => header is null && parameter.RefKind == RefKind.None
                && parameter.Type is INamedTypeSymbol { SpecialType: SpecialType.None, TypeKind: TypeKind.Struct or TypeKind.Class }
                && !parameter.GetAttributes().Any(a => a.AttributeClass is { } c && MetadataName(c) == KnownNames.HeaderAttribute),
            _ => false,
        };

    /// <summary>Classifies a parameter other than the message.</summary>
    public static ParameterBinding ClassifyParameter(IParameterSymbol parameter, bool isInterceptor, out string? headerName) =>
        ClassifyParameter(parameter, isInterceptor, out headerName, out _);

    /// <summary>Classifies a parameter other than the message; <paramref name="problem"/> says why it is Unbindable.</summary>
    public static ParameterBinding ClassifyParameter(IParameterSymbol parameter, bool isInterceptor, out string? headerName, out ParameterProblem? problem)
    {
        headerName = null;
        problem = null;
        var header = parameter.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && MetadataName(c) == KnownNames.HeaderAttribute);
        if (header is not null)
        {
            headerName = header.ConstructorArguments.Length == 1 ? header.ConstructorArguments[0].Value as string : null;
            return string.IsNullOrEmpty(headerName) ? Unbindable(ParameterProblem.EmptyHeaderName, out problem) : ParameterBinding.Header;
        }

        if (parameter.RefKind != RefKind.None || parameter.IsParams)
        {
            return Unbindable(ParameterProblem.NotByValue, out problem);
        }

        if (parameter.GetAttributes().Any(a => a.AttributeClass is { } c && MetadataName(c) == KnownNames.ProjectionStateAttribute))
        {
            return ParameterBinding.ProjectionState;
        }

        var type = parameter.Type;
        switch (MetadataName(type))
        {
            case KnownNames.CancellationToken:
                return ParameterBinding.CancellationToken;
            case KnownNames.MessageContext:
                return ParameterBinding.Context;
            case KnownNames.MessageHeaders:
                return ParameterBinding.AllHeaders;
            case KnownNames.Invocation:
                return isInterceptor ? ParameterBinding.Invocation : Unbindable(ParameterProblem.InvocationOutsideAround, out problem);
        }

        if (isInterceptor && IsAttribute(type))
        {
            return ParameterBinding.AttributeInstance;
        }

        // A container never holds primitives, strings, pointers or delegates for a handler: such a
        // parameter almost always lacks a [Header] attribute.
        if (type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Delegate or TypeKind.Dynamic
            || type.TypeKind == TypeKind.TypeParameter || type is IArrayTypeSymbol || type.IsValueType)
        {
            return Unbindable(ParameterProblem.NotAService, out problem);
        }

        return ParameterBinding.Service;
    }

    /// <summary>Why a parameter other than the message cannot be bound, or null. Only an [Around] receives the invocation.</summary>
    public static ParameterProblem? BindingProblem(IParameterSymbol parameter, bool isInterceptor, bool isAround)
    {
        var binding = ClassifyParameter(parameter, isInterceptor, out _, out var problem);
        return binding == ParameterBinding.Invocation && !isAround ? ParameterProblem.InvocationOutsideAround : problem;
    }

    /// <summary>
    /// Why a handler's message parameter cannot carry the message, or null. Generated code passes
    /// the message by value and needs a named type it can cast to and register.
    /// </summary>
    public static ParameterProblem? MessageProblem(IParameterSymbol message) =>
        message.RefKind is RefKind.Ref or RefKind.Out ? ParameterProblem.MessageByReference
        : message.Type is not INamedTypeSymbol || message.Type.TypeKind == TypeKind.Delegate ? ParameterProblem.NotAMessageType
        : null;

    private static ParameterBinding Unbindable(ParameterProblem reason, out ParameterProblem? problem)
    {
        problem = reason;
        return ParameterBinding.Unbindable;
    }

    public static HeaderConversion ClassifyHeader(ITypeSymbol type, out ITypeSymbol valueType, out bool optional)
    {
        valueType = type;
        optional = type.NullableAnnotation == NullableAnnotation.Annotated;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            valueType = nullable.TypeArguments[0];
            optional = true;
        }

        if (valueType.SpecialType == SpecialType.System_String)
        {
            return HeaderConversion.String;
        }

        if (valueType.TypeKind == TypeKind.Enum)
        {
            return HeaderConversion.Enum;
        }

        var self = valueType;
        var parsable = self.AllInterfaces.Any(i => MetadataName(i.OriginalDefinition) == KnownNames.IParsable
            && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], self));
        return parsable ? HeaderConversion.Parsable : HeaderConversion.Cast;
    }

    public static bool IsAttribute(ITypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (MetadataName(current) == "System.Attribute")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is the stored event a projection's raw handler takes: the runtime's type, not a message.</summary>
    public static bool IsStoredEvent(ITypeSymbol type) => MetadataName(type) == KnownNames.RecordedEvent;

    public static string MetadataName(ITypeSymbol type)
    {
        if (type.ContainingType is { } containing)
        {
            return MetadataName(containing) + "+" + type.MetadataName;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? type.MetadataName : ns.ToDisplayString() + "." + type.MetadataName;
    }
}
