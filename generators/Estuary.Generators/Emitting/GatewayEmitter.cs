using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// Emits gateway implementations: a bus interface's class (a MessageBus running the interceptors
/// whose pointcut is that interface) and business interfaces' classes (each method a routed send).
/// </summary>
internal static class GatewayEmitter
{
    public static string ClassName(TypeRef type) => ModulePlan.Identifier(type.FullName.Replace("global::", string.Empty)) + "Implementation";

    public static string EmitBus(ModulePlan plan, GatewayModel gateway)
    {
        var interceptors = plan.Composition.Interceptors;
        var hierarchy = new[] { gateway.Interface.FullName }.Concat(gateway.Buses.Select(b => "global::" + b)).ToList();
        var befores = InterceptorMatcher.ForBus(hierarchy, interceptors, InterceptorKind.Before);
        var afters = InterceptorMatcher.ForBus(hierarchy, interceptors, InterceptorKind.After);
        var writer = new SourceWriter();
        writer.Line(Names.FileHeader);
        ModuleEmitter.OpenNamespace(writer, plan.Module.Namespace);
        writer.Line("/// <summary>The bus behind <see cref=\"" + gateway.Interface.FullName.Replace("global::", string.Empty) + "\"/>.</summary>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block("internal sealed class " + ClassName(gateway.Interface) + " : global::Estuary.MessageBus, " + gateway.Interface.FullName))
        {
            writer.Line("public " + ClassName(gateway.Interface) + "(global::Estuary.Runtime.EstuaryRuntime runtime)");
            writer.Line("    : base(runtime)");
            writer.Line("{");
            writer.Line("}");
            if (befores.Count + afters.Count > 0)
            {
                EmitInterceptorHooks(writer, befores, afters);
            }
        }

        return writer.ToString();
    }

    private static void EmitInterceptorHooks(SourceWriter writer, IReadOnlyList<InterceptorModel> befores, IReadOnlyList<InterceptorModel> afters)
    {
        {
            writer.Line();
            writer.Line("public override bool HasInterceptors => true;");
            writer.Line();
            using (writer.Block("public override async global::System.Threading.Tasks.ValueTask<global::Estuary.Runtime.SendDecision> BeforeSendAsync(object? message, global::Estuary.MessageHeaders? headers, global::System.Threading.CancellationToken cancellationToken)"))
            {
                foreach (var interceptor in befores)
                {
                    EmitCall(writer, interceptor, "return new global::Estuary.Runtime.SendDecision(false, headers);");
                }

                writer.Line("await global::System.Threading.Tasks.Task.CompletedTask.ConfigureAwait(false);");
                writer.Line("return new global::Estuary.Runtime.SendDecision(true, headers);");
            }

            writer.Line();
            using (writer.Block("public override async global::System.Threading.Tasks.ValueTask AfterSendAsync(object? message, global::Estuary.MessageHeaders? headers, global::System.Threading.CancellationToken cancellationToken)"))
            {
                foreach (var interceptor in afters)
                {
                    EmitCall(writer, interceptor, stopStatement: null);
                }

                writer.Line("await global::System.Threading.Tasks.Task.CompletedTask.ConfigureAwait(false);");
            }
        }
    }

    private static void EmitCall(SourceWriter writer, InterceptorModel interceptor, string? stopStatement)
    {
        writer.Line("// [" + interceptor.Kind + "] " + interceptor.DisplayName);
        var open = interceptor.MessageType is { } messageType ? "if (message is " + messageType + " typedMessage)" : "{";
        writer.Line(open);
        writer.Line("{");
        var arguments = interceptor.Parameters.Select(p => p.Binding switch
        {
            ParameterBinding.Message => interceptor.MessageType is null ? "message!" : "typedMessage",
            ParameterBinding.AllHeaders => "headers ?? new global::Estuary.MessageHeaders()",
            ParameterBinding.CancellationToken => "cancellationToken",
            ParameterBinding.Header => "headers is not null && headers.TryGetValue(" + ArgumentEmitter.Literal(p.HeaderName!) + ", out var " + p.Name + "Value) ? (" + p.TypeName + ")" + p.Name + "Value! : default!",
            _ => "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<" + ArgumentEmitter.NonNullable(p.TypeName) + ">(Runtime.RootServices)",
        });
        var target = interceptor.IsStatic
            ? interceptor.DeclaringType.FullName
            : "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<" + interceptor.DeclaringType.FullName + ">(Runtime.RootServices)";
        var call = target + "." + ArgumentEmitter.Identifier(interceptor.MethodName) + "(" + string.Join(", ", arguments) + ")";
        if (HandlerRules.IsAsync(interceptor.Return))
        {
            call = "await " + call + ".ConfigureAwait(false)";
        }

        if (stopStatement is not null && interceptor.ChangeHeaders && HandlerRules.HasResult(interceptor.Return))
        {
            writer.Line("    headers = global::Estuary.Runtime.GatewayHeaders.Merge(headers, " + call + ");");
        }
        else if (stopStatement is not null && HandlerRules.HasResult(interceptor.Return) && interceptor.ResultType is "bool")
        {
            writer.Line("    if (!" + call + ")");
            writer.Line("    {");
            writer.Line("        " + stopStatement);
            writer.Line("    }");
        }
        else
        {
            writer.Line("    " + call + ";");
        }

        writer.Line("}");
        if (interceptor.MessageType is null)
        {
            writer.Line("}");
        }
    }

    public static string EmitBusiness(ModulePlan plan, BusinessInterfaceModel business)
    {
        var writer = new SourceWriter();
        writer.Line(Names.FileHeader);
        ModuleEmitter.OpenNamespace(writer, plan.Module.Namespace);
        writer.Line("/// <summary>Routes the business methods of <see cref=\"" + business.Interface.FullName.Replace("global::", string.Empty) + "\"/> to their handlers.</summary>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block("internal sealed class " + ClassName(business.Interface) + " : " + business.Interface.FullName))
        {
            writer.Line("private readonly global::Estuary.Runtime.EstuaryRuntime _runtime;");
            writer.Line();
            writer.Line("public " + ClassName(business.Interface) + "(global::Estuary.Runtime.EstuaryRuntime runtime) => _runtime = runtime;");
            foreach (var method in business.Methods)
            {
                writer.Line();
                EmitBusinessMethod(writer, method);
            }
        }

        return writer.ToString();
    }

    private static void EmitBusinessMethod(SourceWriter writer, BusinessMethodModel method)
    {
        var token = method.Parameters.FirstOrDefault(p => p.Binding == ParameterBinding.CancellationToken)?.Name is { } tokenName ? ArgumentEmitter.Identifier(tokenName) : "default";
        var headerParameters = method.Parameters.Where(p => p.Binding == ParameterBinding.Header).ToList();
        var allHeaders = method.Parameters.FirstOrDefault(p => p.Binding == ParameterBinding.AllHeaders)?.Name is { } headersName ? ArgumentEmitter.Identifier(headersName) : null;
        var isAsync = HandlerRules.IsAsync(method.Return);
        writer.Line("// Sends to the handler of routing key " + ArgumentEmitter.Literal(method.RoutingKey) + ".");
        using (writer.Block("public " + (isAsync ? "async " : string.Empty) + method.ReturnTypeName + " " + method.Name + "(" + method.ParameterList + ")"))
        {
            var headers = "null";
            if (headerParameters.Count > 0 || allHeaders is not null)
            {
                writer.Line("var sendHeaders = " + (allHeaders is null ? "new global::Estuary.MessageHeaders()" : "new global::Estuary.MessageHeaders(" + allHeaders + ")") + ";");
                foreach (var header in headerParameters)
                {
                    writer.Line("sendHeaders[" + ArgumentEmitter.Literal(header.HeaderName!) + "] = " + ArgumentEmitter.Identifier(header.Name) + ";");
                }

                headers = "sendHeaders";
            }

            var send = "_runtime.SendRoutedAsync(" + ArgumentEmitter.Literal(method.RoutingKey) + ", " + (method.PayloadParameter is null ? "null" : ArgumentEmitter.Identifier(method.PayloadParameter)) + ", " + headers + ", " + token + ")";
            var resultCast = method.ResultType is null ? null : "(" + method.ResultType + ")";
            if (isAsync)
            {
                writer.Line(resultCast is null ? "await " + send + ".ConfigureAwait(false);" : "return " + resultCast + "(await " + send + ".ConfigureAwait(false))!;");
            }
            else
            {
                // A synchronous business method blocks only if the handler really is asynchronous.
                writer.Line("var pending = " + send + ";");
                writer.Line("var result = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();");
                writer.Line(resultCast is null ? "_ = result;" : "return " + resultCast + "result!;");
            }
        }
    }
}
