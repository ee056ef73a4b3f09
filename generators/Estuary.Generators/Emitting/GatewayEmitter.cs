using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// Emits gateway implementations: a bus interface's class (a MessageBus running the interceptors
/// whose pointcut is that interface) and business interfaces' classes (each method a routed send).
/// </summary>
internal static class GatewayEmitter
{
    public static string ClassName(TypeRef type) => CSharpNames.Member(type.FullName.Replace("global::", string.Empty)) + "Implementation";

    private static readonly string[] s_hookParameters = ["object? message", "global::Estuary.MessageHeaders? headers", "global::System.Threading.CancellationToken cancellationToken"];

    public static string EmitBus(ModuleInfo module, EquatableArray<InterceptorModel> interceptors, GatewayModel gateway)
    {
        var hierarchy = PointcutRules.GatewayTypes(gateway.Interface.FullName, gateway.Buses);
        var befores = InterceptorMatcher.ForBus(hierarchy, interceptors, InterceptorKind.Before);
        var afters = InterceptorMatcher.ForBus(hierarchy, interceptors, InterceptorKind.After);
        var writer = new SourceWriter();
        writer.Line(Names.FileHeader);
        ModuleEmitter.OpenNamespace(writer, module.Namespace);
        writer.Line("/// <summary>The bus behind <see cref=\"" + gateway.Interface.FullName.Replace("global::", string.Empty) + "\"/>.</summary>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block("internal sealed class " + ClassName(gateway.Interface) + " : global::Estuary.MessageBus, " + gateway.Interface.FullName))
        {
            var intercepted = befores.Count + afters.Count > 0;
            writer.Line("public " + ClassName(gateway.Interface) + "(global::Estuary.Runtime.EstuaryRuntime runtime)");
            if (gateway.Channel is { } channel)
            {
                writer.Line("    : base(runtime, hasInterceptors: true, asynchronousChannel: " + CSharpLiterals.String(channel) + ")");
            }
            else
            {
                writer.Line(intercepted ? "    : base(runtime, hasInterceptors: true)" : "    : base(runtime)");
            }

            writer.Line("{");
            writer.Line("}");
            if (intercepted)
            {
                EmitInterceptorHooks(writer, befores, afters);
            }
        }

        return writer.ToString();
    }

    private static void EmitInterceptorHooks(SourceWriter writer, IReadOnlyList<InterceptorModel> befores, IReadOnlyList<InterceptorModel> afters)
    {
        const string Decision = "global::Estuary.Runtime.SendDecision";
        writer.Line();
        var beforeAsync = befores.Any(i => HandlerRules.IsAsync(i.Return));
        writer.Wrapped("public override " + (beforeAsync ? "async " : string.Empty) + "global::System.Threading.Tasks.ValueTask<" + Decision + "> BeforeSendAsync(", s_hookParameters, ")");
        using (writer.Block(string.Empty))
        {
            string Result(bool proceed) => beforeAsync
                ? "return new " + Decision + "(" + (proceed ? "true" : "false") + ", headers);"
                : "return new global::System.Threading.Tasks.ValueTask<" + Decision + ">(new " + Decision + "(" + (proceed ? "true" : "false") + ", headers));";

            for (var i = 0; i < befores.Count; i++)
            {
                EmitCall(writer, befores[i], i, Result(proceed: false));
            }

            writer.Line(Result(proceed: true));
        }

        writer.Line();
        var afterAsync = afters.Any(i => HandlerRules.IsAsync(i.Return));
        writer.Wrapped("public override " + (afterAsync ? "async " : string.Empty) + "global::System.Threading.Tasks.ValueTask AfterSendAsync(", s_hookParameters, ")");
        using (writer.Block(string.Empty))
        {
            for (var i = 0; i < afters.Count; i++)
            {
                EmitCall(writer, afters[i], i, stopStatement: null);
            }

            if (!afterAsync)
            {
                writer.Line("return default;");
            }
        }
    }

    // Gateway interceptors run before any message context exists: they read the headers being sent
    // (a missing required header throws, as for handlers) and resolve services from the root provider.
    // A pattern variable of an if statement lives in the enclosing block: each call gets its own (typed0, typed1, ...).
    private static void EmitCall(SourceWriter writer, InterceptorModel interceptor, int index, string? stopStatement)
    {
        writer.Line("// [" + interceptor.Kind + "] " + interceptor.DisplayName);
        var guarded = interceptor.MessageType is not null;
        var typed = "typed" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        writer.Open(guarded ? "if (message is " + ServiceTypes.NonNullable(interceptor.MessageType!) + " " + typed + ")" : string.Empty);
        var arguments = new List<string>();
        for (var i = 0; i < interceptor.Parameters.Count; i++)
        {
            var p = interceptor.Parameters[i];
            if (p.Binding == ParameterBinding.Header)
            {
                writer.Line("var header" + i + " = global::Estuary.Runtime.GatewayHeaders.Get(headers, " + CSharpLiterals.String(p.HeaderName!) + ");");
            }

            arguments.Add(p.Binding switch
            {
                ParameterBinding.Message => guarded ? typed : "message!",
                ParameterBinding.AllHeaders => "headers ?? new global::Estuary.MessageHeaders()",
                ParameterBinding.CancellationToken => "cancellationToken",
                ParameterBinding.Header => HeaderArgument(interceptor, p, "header" + i, "value" + i),
                _ => "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<" + ServiceTypes.NonNullable(p.TypeName) + ">(Runtime.RootServices)",
            });
        }

        var target = interceptor.IsStatic
            ? interceptor.DeclaringType.FullName
            : "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<" + interceptor.DeclaringType.FullName + ">(Runtime.RootServices)";
        var call = Layout.List(target + "." + CSharpNames.Escape(interceptor.MethodName) + "(", arguments, ")");
        if (HandlerRules.IsAsync(interceptor.Return))
        {
            call = call.Around("await ", ".ConfigureAwait(false)");
        }

        if (stopStatement is not null && interceptor.ChangeHeaders && HandlerRules.HasResult(interceptor.Return))
        {
            writer.Write(Layout.List("headers = global::Estuary.Runtime.GatewayHeaders.Merge(", [Layout.Text("headers"), call], ")"), ";");
        }
        else if (stopStatement is not null && HandlerRules.HasResult(interceptor.Return) && interceptor.ResultType is "bool")
        {
            writer.Write(call.Around("if (!", ")"));
            writer.Open(string.Empty);
            writer.Line(stopStatement);
            writer.Close();
        }
        else
        {
            writer.Write(call, ";");
        }

        writer.Close();
    }

    private static string HeaderArgument(InterceptorModel interceptor, ParameterModel parameter, string raw, string value)
    {
        var type = parameter.HeaderValueType;
        var test = parameter.Conversion switch
        {
            HeaderConversion.String => "global::Estuary.Runtime.HeaderValue.TryString(" + raw + ", out var " + value + ")",
            HeaderConversion.Parsable => "global::Estuary.Runtime.HeaderValue.TryParsable<" + type + ">(" + raw + ", out var " + value + ")",
            HeaderConversion.Enum => "global::Estuary.Runtime.HeaderValue.TryEnum<" + type + ">(" + raw + ", out var " + value + ")",
            _ => "global::Estuary.Runtime.HeaderValue.TryCast<" + type + ">(" + raw + ", out var " + value + ")",
        };

        if (!parameter.Optional)
        {
            return test + " ? " + value + " : throw global::Estuary.Runtime.GatewayHeaders.Missing("
                + CSharpLiterals.String(interceptor.DisplayName) + ", " + CSharpLiterals.String(parameter.HeaderName!) + ", "
                + CSharpLiterals.String(parameter.Name) + ", " + raw + ")";
        }

        // An absent optional value-type header must bind as null, not as the type's default.
        return parameter.ValueTypeHeader
            ? test + " ? (" + type + "?)" + value + " : null"
            : test + " ? " + value + " : null";
    }

    public static string EmitBusiness(ModuleInfo module, BusinessInterfaceModel business) =>
        InterfaceImplementation.Emit(
            module,
            business.Interface,
            ClassName(business.Interface),
            ("Routes the business methods of ", " to their handlers."),
            ("global::Estuary.Runtime.EstuaryRuntime", "runtime"),
            business.Methods,
            EmitBusinessMethod);

    private static void EmitBusinessMethod(SourceWriter writer, BusinessMethodModel method)
    {
        var token = method.Parameters.FirstOrDefault(p => p.Binding == ParameterBinding.CancellationToken)?.Name is { } tokenName ? CSharpNames.Escape(tokenName) : "default";
        var headerParameters = method.Parameters.Where(p => p.Binding == ParameterBinding.Header).ToList();
        var allHeaders = method.Parameters.FirstOrDefault(p => p.Binding == ParameterBinding.AllHeaders)?.Name is { } headersName ? CSharpNames.Escape(headersName) : null;
        var isAsync = HandlerRules.IsAsync(method.Return);
        // The user names the parameters; the generated locals take names none of them has.
        var parameterNames = method.Parameters.Select(p => p.Name).Concat(method.PayloadParameter is null ? new string[0] : new[] { method.PayloadParameter }).ToList();
        var sendHeaders = CSharpNames.Local("sendHeaders", parameterNames);
        var pending = CSharpNames.Local("pending", parameterNames);
        var result = CSharpNames.Local("result", parameterNames);
        writer.Line("// Sends to the handler of routing key " + CSharpLiterals.String(method.RoutingKey) + ".");
        writer.Write(DeclaredMethods.Signature(isAsync ? "public async " : "public ", method.Declared));
        using (writer.Block(string.Empty))
        {
            var headers = "null";
            if (headerParameters.Count > 0 || allHeaders is not null)
            {
                writer.Line("var " + sendHeaders + " = " + (allHeaders is null ? "new global::Estuary.MessageHeaders()" : allHeaders + " is null ? new global::Estuary.MessageHeaders() : new global::Estuary.MessageHeaders(" + allHeaders + ")") + ";");
                foreach (var header in headerParameters)
                {
                    writer.Line(sendHeaders + "[" + CSharpLiterals.String(header.HeaderName!) + "] = " + CSharpNames.Escape(header.Name) + ";");
                }

                headers = sendHeaders;
            }

            var send = "this._runtime.SendRoutedAsync(" + CSharpLiterals.String(method.RoutingKey) + ", " + (method.PayloadParameter is null ? "null" : CSharpNames.Escape(method.PayloadParameter)) + ", " + headers + ", " + token + ")";
            var resultCast = method.ResultType is null ? null : "(" + method.ResultType + ")";
            if (isAsync)
            {
                writer.Line(resultCast is null ? "await " + send + ".ConfigureAwait(false);" : "return " + resultCast + "(await " + send + ".ConfigureAwait(false))!;");
            }
            else
            {
                // A synchronous business method blocks only if the handler really is asynchronous.
                writer.Line("var " + pending + " = " + send + ";");
                writer.Line("var " + result + " = " + pending + ".IsCompletedSuccessfully ? " + pending + ".Result : " + pending + ".AsTask().GetAwaiter().GetResult();");
                writer.Line(resultCast is null ? "_ = " + result + ";" : "return " + resultCast + result + "!;");
            }
        }
    }
}
