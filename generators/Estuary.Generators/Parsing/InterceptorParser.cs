using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>
/// Reads a [Before], [Around] or [After] method into a model. An interceptor with any
/// InterceptorShape problem yields null; the analyzers report the same problems as diagnostics.
/// </summary>
internal static class InterceptorParser
{
    public static InterceptorModel? Parse(GeneratorAttributeSyntaxContext context, InterceptorKind kind, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method || context.Attributes.Length == 0)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var options = InterceptorOptions.Read(context.Attributes[0]);
        if (InterceptorShape.Check(method, kind, options.ChangeHeaders) is not null)
        {
            return null;
        }

        var type = method.ContainingType;
        var messageParameter = InterceptorShape.MessageParameter(method);
        var messageType = InterceptorShape.NarrowingMessageType(messageParameter);
        var parameters = method.Parameters.Select(p => p.Ordinal == 0 && messageParameter is not null ? MessageModel(p) : ParameterParser.Parse(p, isInterceptor: true));
        var (pointcut, pointcutType) = InterceptorShape.Pointcut(method, options.Pointcut);
        var returnKind = HandlerRules.ClassifyReturn(method, out var resultType);
        return new InterceptorModel
        {
            Kind = kind,
            DeclaringType = SymbolNames.Ref(type),
            IsStatic = method.IsStatic,
            MethodName = method.Name,
            Precedence = options.Precedence,
            Pointcut = pointcut,
            PointcutType = pointcutType is null ? null : SymbolNames.FullNonNullable(pointcutType),
            Namespace = options.Namespace,
            ChangeHeaders = options.ChangeHeaders,
            Return = returnKind,
            ResultType = resultType is null ? null : SymbolNames.Full(resultType),
            MessageType = messageType is null ? null : SymbolNames.FullNonNullable(messageType),
            Parameters = parameters.ToEquatableArray(),
            Constructor = method.IsStatic ? null : ParameterParser.Constructor(type),
            RequiresMessage = InterceptorShape.RequiresMessage(messageParameter),
        };
    }

    /// <summary>The parameter receiving the message, which the endpoint passes through as it is.</summary>
    private static ParameterModel MessageModel(IParameterSymbol parameter) =>
        new(parameter.Name, SymbolNames.Full(parameter.Type), ParameterBinding.Message, null, HeaderConversion.Cast, SymbolNames.FullNonNullable(parameter.Type), false, parameter.Type.IsValueType);
}
