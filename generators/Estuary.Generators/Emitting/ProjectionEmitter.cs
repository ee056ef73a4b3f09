using System;
using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// Emits a projection class's definition next to its endpoints: the name, batch size and streams the
/// runtime needs, the endpoints of its event handlers, and each lifecycle hook as an override.
/// </summary>
internal static class ProjectionEmitter
{
    /// <summary>The holder's field with the definition; the holder's names reserve it.</summary>
    public const string Field = "Projection";

    /// <summary>The nested definition class; the holder's names reserve it.</summary>
    public const string ClassName = "ProjectionDefinition";

    /// <summary>The holder's field with a triggered projection's trigger endpoint; the holder's names reserve it.</summary>
    public const string TriggerField = "Trigger";

    private const string Services = "global::Estuary.Runtime.ModuleServices";

    public static void Emit(SourceWriter writer, HandlerTypeModel type, IReadOnlyList<EndpointPlan> endpoints, string moduleName)
    {
        var projection = type.Projection!;
        var handlers = endpoints.Where(e => e.Handler.Projection is not null).Select(e => e.FieldName).ToList();
        writer.Line();
        writer.Line("/// <summary>The projection <c>" + Xml(projection.Name) + "</c> as its class declares it.</summary>");
        writer.Line("internal static readonly " + ClassName + " " + Field + " = new();");
        if (projection.Trigger is { } trigger)
        {
            // After the definition: static fields initialize in the order they are written.
            writer.Line();
            writer.Line("/// <summary>Runs a batch of <c>" + Xml(projection.Name) + "</c> for each trigger its channel delivers.</summary>");
            writer.Write(Layout.List(
                "internal static readonly global::Estuary.Runtime.ProjectionTriggerEndpoint " + TriggerField + " = new(",
                [Layout.Text(Field), Layout.Text(CSharpLiterals.String(moduleName)), EndpointEmitter.AsynchronousDescription(trigger)],
                ")"), ";");
        }

        writer.Line();
        writer.Line(Names.GeneratedCode);
        using (writer.Block("internal sealed class " + ClassName + " : global::Estuary.Runtime.ProjectionDefinition"))
        {
            writer.Wrapped("private static readonly global::Estuary.Runtime.EventEndpoint[] s_endpoints = [", handlers, "];");
            writer.Line();
            writer.Line("public " + ClassName + "()");
            using (writer.Indented())
            {
                writer.Write(Layout.List(
                    ": base(",
                    [
                        CSharpLiterals.String(projection.Name),
                        "batchSize: " + CSharpLiterals.Primitive(projection.BatchSize),
                        "streamPrefixes: [" + string.Join(", ", projection.StreamPrefixes.Select(CSharpLiterals.String)) + "]",
                        .. projection.Trigger is { } channel ? ["channel: " + CSharpLiterals.String(channel.Channel)] : Array.Empty<string>(),
                        .. projection.Synchronous ? ["synchronous: true"] : Array.Empty<string>(),
                        .. projection.Partitioned ? ["partitioned: true"] : Array.Empty<string>(),
                        .. projection.Version != 1 ? ["version: " + CSharpLiterals.Primitive(projection.Version)] : Array.Empty<string>(),
                        .. projection.ManualTakeOver ? ["manualTakeOver: true"] : Array.Empty<string>(),
                    ],
                    ")"));
            }

            writer.Line("{");
            writer.Line("}");
            writer.Line();
            writer.Line("public override global::System.Collections.Generic.IReadOnlyList<global::Estuary.Runtime.EventEndpoint> Endpoints => s_endpoints;");
            foreach (var hook in projection.Hooks)
            {
                writer.Line();
                EmitHook(writer, type, hook);
            }
        }
    }

    private static void EmitHook(SourceWriter writer, HandlerTypeModel type, ProjectionHookModel hook)
    {
        var target = hook.IsStatic ? type.Type.FullName : Services + ".Get<" + type.Type.FullName + ">(services)";
        var call = Layout.List(target + "." + CSharpNames.Escape(hook.MethodName) + "(", hook.ParameterTypes.Select(type => Argument(type, partition: hook.Kind == "ResetPartition")), ")");
        writer.Write(Layout.List(
            "public override " + (hook.IsAsync ? "async " : string.Empty) + "global::System.Threading.Tasks.ValueTask " + hook.Kind + "Async(",
            [.. hook.Kind == "ResetPartition" ? ["string partition"] : Array.Empty<string>(), "global::System.IServiceProvider services", "global::System.Threading.CancellationToken cancellationToken"],
            ")"));
        using (writer.Block(string.Empty))
        {
            if (hook.IsAsync)
            {
                writer.Write(call.Around("await ", ".ConfigureAwait(false)"), ";");
            }
            else
            {
                writer.Write(call, ";");
                writer.Line("return default;");
            }
        }
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    // The batch's token, the batch's services, the partition's key, or a service resolved from them.
    private static string Argument(string parameterType, bool partition) => parameterType switch
    {
        "string" when partition => "partition",
        "global::System.Threading.CancellationToken" => "cancellationToken",
        "global::System.IServiceProvider" => "services",
        _ => Services + ".Get<" + parameterType + ">(services)",
    };
}
