namespace Estuary.SourceGeneration;

/// <summary>
/// Emits the typed <c>SendAsync</c> overloads: one pair per handled command or query, bound
/// straight to its endpoint. They live in namespace <c>Estuary</c> beside the generic fallbacks,
/// so C# always prefers them (a non-generic match beats a generic one).
/// </summary>
internal static class BusExtensionsEmitter
{
    public static string ClassName(ModuleInfo module) =>
        CSharpNames.Member((module.Namespace.Length == 0 ? string.Empty : module.Namespace + "_") + module.ClassName) + "BusExtensions";

    public static string Emit(ModulePlan plan)
    {
        var writer = new SourceWriter();
        writer.Line(Names.FileHeader);
        writer.Line("namespace Estuary;");
        writer.Line();
        writer.Line("/// <summary>Typed sends for the commands and queries handled in " + plan.Module.ClassName + ".</summary>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block("public static class " + ClassName(plan.Module)))
        {
            var first = true;
            foreach (var endpoint in plan.TypedRequests)
            {
                if (!first)
                {
                    writer.Line();
                }

                first = false;
                EmitOverloads(writer, plan, endpoint);
            }
        }

        return writer.ToString();
    }

    private static void EmitOverloads(SourceWriter writer, ModulePlan plan, ModuleEndpoint endpoint)
    {
        var handler = endpoint.Summary;
        var isCommand = handler.Kind == HandlerKind.Command;
        var bus = isCommand ? "global::Estuary.ICommandBus" : "global::Estuary.IQueryBus";
        var parameter = isCommand ? "command" : "query";
        var access = handler.PublicSignature ? "public" : "internal";
        var target = plan.ModuleFullName + "." + endpoint.Member;
        var returnType = handler.ResultType is null ? "global::System.Threading.Tasks.ValueTask" : "global::System.Threading.Tasks.ValueTask<" + handler.ResultType + ">";
        var dispatch = "=> global::Estuary.Runtime.Dispatch." + (handler.ResultType is null ? "Command(" : "Request(");
        var messageType = handler.Message!.TypeName;
        var summary = "/// <summary>Sends <c>" + messageType.Replace("global::", string.Empty).Replace("<", "&lt;").Replace(">", "&gt;") + "</c> to " + handler.DisplayName + ".</summary>";
        var head = access + " static " + returnType + " SendAsync(";
        var busParameter = "this " + bus + " bus";
        const string Token = "global::System.Threading.CancellationToken cancellationToken = default";
        writer.Line(summary);
        writer.Wrapped(head, [busParameter, messageType + " " + parameter, Token], ")");
        using (writer.Indented())
        {
            writer.Wrapped(dispatch, ["bus", target, parameter, "null", "cancellationToken"], ");");
        }

        writer.Line();
        writer.Line(summary);
        writer.Wrapped(head, [busParameter, messageType + " " + parameter, "global::Estuary.MessageHeaders? headers", Token], ")");
        using (writer.Indented())
        {
            writer.Wrapped(dispatch, ["bus", target, parameter, "headers", "cancellationToken"], ");");
        }
    }
}
