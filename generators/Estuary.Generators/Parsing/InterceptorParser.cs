using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Reads a [Before], [Around] or [After] method into a model (null when it cannot be woven).</summary>
internal static class InterceptorParser
{
    public static InterceptorModel? Parse(GeneratorAttributeSyntaxContext context, InterceptorKind kind, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length == 0)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var type = method.ContainingType;
        if (HandlerRules.IsGeneric(method) || !HandlerRules.IsCallableFromAssembly(method)
            || (!method.IsStatic && (type.IsAbstract || type.IsStatic)))
        {
            return null;
        }

        var attribute = context.Attributes[0];
        var precedence = 0;
        var changeHeaders = false;
        string? ns = null;
        INamedTypeSymbol? pointcutType = null;
        foreach (var named in attribute.NamedArguments)
        {
            switch (named.Key)
            {
                case "Precedence" when named.Value.Value is int value:
                    precedence = value;
                    break;
                case "ChangeHeaders" when named.Value.Value is bool value:
                    changeHeaders = value;
                    break;
                case "Namespace":
                    ns = named.Value.Value as string;
                    break;
                case "Pointcut":
                    pointcutType = named.Value.Value as INamedTypeSymbol;
                    break;
            }
        }

        string? messageType = null;
        var parameters = new List<ParameterModel>();
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var binding = HandlerRules.ClassifyParameter(parameter, isInterceptor: true, out _);
            if (i == 0 && binding is ParameterBinding.Service or ParameterBinding.Unbindable && parameter.RefKind == RefKind.None)
            {
                // The first plain parameter receives the message; its type narrows where the interceptor applies.
                messageType = parameter.Type.SpecialType == SpecialType.System_Object ? null : SymbolNames.FullNonNullable(parameter.Type);
                parameters.Add(new ParameterModel(parameter.Name, SymbolNames.Full(parameter.Type), ParameterBinding.Message, null, HeaderConversion.Cast, SymbolNames.FullNonNullable(parameter.Type), false, parameter.Type.IsValueType));
                continue;
            }

            var model = ParameterParser.Parse(parameter, isInterceptor: true);
            if (model is null || (model.Binding == ParameterBinding.Invocation && kind != InterceptorKind.Around))
            {
                return null;
            }

            parameters.Add(model);
        }

        var returnKind = HandlerRules.ClassifyReturn(method, out var resultType);
        if (kind == InterceptorKind.Around && (!parameters.Any(p => p.Binding == ParameterBinding.Invocation) || !HandlerRules.IsAroundResult(returnKind, resultType)))
        {
            return null;
        }

        var pointcut = PointcutKind.All;
        string? pointcutName = null;
        if (pointcutType is not null)
        {
            pointcutName = SymbolNames.FullNonNullable(pointcutType);
            pointcut = HandlerRules.IsAttribute(pointcutType) ? PointcutKind.Attribute : IsBus(pointcutType) ? PointcutKind.Bus : PointcutKind.Type;
        }
        else if (parameters.FirstOrDefault(p => p.Binding == ParameterBinding.AttributeInstance) is { } attributeParameter)
        {
            pointcut = PointcutKind.Attribute;
            pointcutName = attributeParameter.HeaderValueType;
        }

        return new InterceptorModel(
            kind,
            SymbolNames.Ref(type),
            method.IsStatic,
            method.Name,
            precedence,
            pointcut,
            pointcutName,
            ns,
            changeHeaders,
            returnKind,
            resultType is null ? null : SymbolNames.Full(resultType),
            messageType,
            parameters.ToEquatableArray(),
            method.IsStatic ? null : ParameterParser.Constructor(type));
    }

    public static bool IsBus(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && (IsBusName(HandlerRules.MetadataName(type)) || type.AllInterfaces.Any(i => IsBusName(HandlerRules.MetadataName(i))));

    public static bool IsBusName(string name) => name is KnownNames.CommandBus or KnownNames.QueryBus or KnownNames.EventBus;
}
