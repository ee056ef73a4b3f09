using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// The body of a state-stored aggregate or saga endpoint, and the definition of each such type. The
/// flow itself (load, act, save or delete, retry on conflict, publish) is StoredAggregateFlow's: the
/// endpoint resolves the repository, computes the identifier the message names, and passes the
/// handler call as a static lambda whose parameters are the instance, the message and the context.
/// </summary>
internal static class AggregateEmitter
{
    private const string Runtime = "global::Estuary.Runtime.AggregateRuntime";
    private const string Flow = "global::Estuary.Runtime.StoredAggregateFlow";

    /// <param name="assignResult">Whether the endpoint returns <c>result</c> afterwards.</param>
    public static void Emit(SourceWriter writer, EndpointPlan plan, bool assignResult)
    {
        var handler = plan.Handler;
        var aggregate = handler.Aggregate!;
        if (aggregate.EventSourced is not null)
        {
            EventSourcedEmitter.EmitEndpoint(writer, plan, assignResult);
            return;
        }

        var verb = aggregate.IsFactory ? " creates " : handler.CreateWith is not null ? " loads or creates " : aggregate.ReadOnly ? " asks " : " acts on ";
        writer.Line("// " + handler.DisplayName + verb + aggregate.Name);
        var answers = assignResult && handler.ResultType is not null;
        var definition = Definition(plan, aggregate.Definition!);
        var repository = ArgumentEmitter.Service(plan, ServiceTypes.Repository(aggregate), "context");
        if (aggregate.IsFactory)
        {
            EmitFlowCall(writer, "var created = ", "CreateAsync", [Text(definition), Text(repository), Call(plan, handler, "context", "this"), Text("context")]);
            if (answers)
            {
                writer.Line("var result = " + Identifier(aggregate.Definition!, definition, "created") + ";");
            }

            return;
        }

        List<Layout> arguments = [Text(definition), Text(repository), Text(TargetId(aggregate)), Text("message"), Text("context"), Lambda(plan, handler)];
        if (aggregate.ReadOnly)
        {
            EmitFlowCall(writer, answers ? "var result = " : string.Empty, "AskAsync", arguments);
            return;
        }

        var retries = aggregate.ConcurrencyRetries > 0 ? "retries: " + aggregate.ConcurrencyRetries.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        if (handler.CreateWith is { } factory)
        {
            var factoryCall = Call(plan, factory, "context", plan.EndpointReference);
            arguments.Add(factory.IsAsync ? Layout.Then("static async (message, context) =>", factoryCall) : Layout.Then("static (message, context) =>", Completed(factoryCall)));
            EmitFlowCall(writer, answers ? "var acted = " : string.Empty, "ActOrCreateAsync", [.. arguments, .. Optional(retries)]);
            if (answers)
            {
                // Both branches answer the identifier, unless the action answers something itself.
                var identifier = Identifier(aggregate.Definition!, definition, "acted.Instance!");
                writer.Line("var result = " + (ActionAnswers(handler) ? "acted.Created ? " + identifier + " : acted.Result" : identifier) + ";");
            }

            return;
        }

        var missing = aggregate.DropWhenNotFound ? "global::Estuary.Runtime.WhenMissing.Skip" : null;
        if (aggregate.Creates is { } created)
        {
            var createdDefinition = Definition(plan, created.Definition);
            arguments.Add(Text(createdDefinition));
            arguments.Add(Text(ArgumentEmitter.Service(plan, ServiceTypes.StoredRepository(created.TypeName), "context")));
            EmitFlowCall(writer, answers ? "var acted = " : string.Empty, "ActAndCreateAsync", [.. arguments, .. Optional(missing), .. Optional(retries)]);
            if (answers)
            {
                writer.Line("var result = " + Identifier(created.Definition, createdDefinition, "acted.Result") + ";");
            }

            return;
        }

        EmitFlowCall(writer, answers ? "var acted = " : string.Empty, "ActAsync", [.. arguments, .. Optional(missing), .. Optional(retries)]);
        if (answers)
        {
            writer.Line("var result = acted.Result;");
        }
    }

    /// <summary>
    /// <c>{assign}await Flow.Method(</c>, then one argument per line: the flow's type arguments are
    /// inferred (the definition or repository, the message and the lambda's answer), so lines stay short.
    /// </summary>
    internal static void EmitFlowCall(SourceWriter writer, string assign, string flowMethod, IEnumerable<Layout> arguments, string flow = Flow) =>
        writer.Write(Layout.List(assign + "await " + flow + "." + flowMethod + "(", arguments, ").ConfigureAwait(false)", alwaysBreak: true), ";");

    internal static Layout Text(string code) => Layout.Text(code);

    private static IEnumerable<Layout> Optional(string? argument) => argument is null ? [] : [Text(argument)];

    /// <summary>The StoredAggregateDefinition subclass describing one state-stored type, nested in the module.</summary>
    public static void EmitDefinition(SourceWriter writer, StoredDefinitionModel model)
    {
        var type = model.TypeName;
        writer.Line("/// <summary>Describes <c>" + type.Replace("global::", string.Empty) + "</c> to the aggregate flows: storage name, identifier" + (model.Version is null ? string.Empty : ", version") + (model.CompletedMember is null ? string.Empty : ", completion") + (model.EventsMethod is null ? string.Empty : ", recorded events") + ".</summary>");
        writer.Line(Names.GeneratedCode);
        writer.Continued("internal sealed class " + model.DefinitionClass, ": global::Estuary.Runtime.StoredAggregateDefinition<" + type + ">");
        using (writer.Block(string.Empty))
        {
            writer.Line("public static readonly " + model.DefinitionClass + " Instance = new();");
            writer.Line();
            writer.Line("public override string Name => " + CSharpLiterals.String(model.Name) + ";");
            writer.Line();
            var parts = model.Identifiers.Select(i => Runtime + ".Id(aggregate." + CSharpNames.Escape(i) + ", " + CSharpLiterals.String(model.Name) + ", " + CSharpLiterals.String(i) + ")").ToList();
            if (parts.Count == 1)
            {
                writer.Continued("public override string IdOf(" + type + " aggregate)", "=> " + parts[0] + ";");
            }
            else
            {
                writer.Line("public override string IdOf(" + type + " aggregate)");
                using (writer.Indented())
                {
                    writer.Wrapped("=> string.Join(\"|\", ", parts, ");");
                }
            }
            if (model.Version is { } version)
            {
                writer.Line();
                writer.Continued("public override void SetVersion(" + type + " aggregate, long version)", "=> aggregate." + CSharpNames.Escape(version.Member) + " = " + (version.IsInt ? "(int)version" : "version") + ";");
            }

            if (model.CompletedMember is { } completed)
            {
                writer.Line();
                writer.Continued("public override bool IsCompleted(" + type + " aggregate)", "=> aggregate." + CSharpNames.Escape(completed) + ";");
            }

            if (model.EventsMethod is { } events)
            {
                writer.Line();
                writer.Continued("public override global::System.Collections.IEnumerable? RecordedEvents(" + type + " aggregate)", "=> aggregate." + CSharpNames.Escape(events) + "();");
            }
        }
    }

    /// <summary>The identifier of the instance a message targets: mapped from the message, or the aggregate.id header.</summary>
    internal static string TargetId(AggregateModel aggregate) =>
        aggregate.FromHeader
            ? Runtime + ".IdFromHeader(context, " + CSharpLiterals.String(aggregate.Name) + ")"
            : IdText(aggregate.Identifiers, aggregate.Name);

    /// <summary>One identifier is stored as its text; several are joined with '|' in declaration order.</summary>
    internal static string IdText(EquatableArray<IdentifierModel> identifiers, string name)
    {
        var parts = IdParts(identifiers, name);
        return parts.Count == 1 ? parts[0] : "string.Join(\"|\", " + string.Join(", ", parts) + ")";
    }

    /// <summary><c>var id = ...;</c>, several identifiers one per line when the line would be long.</summary>
    internal static void EmitId(SourceWriter writer, EquatableArray<IdentifierModel> identifiers, string name)
    {
        var parts = IdParts(identifiers, name);
        if (parts.Count == 1)
        {
            writer.Assignment("var id", parts[0]);
        }
        else
        {
            writer.Wrapped("var id = string.Join(\"|\", ", parts, ");");
        }
    }

    private static List<string> IdParts(EquatableArray<IdentifierModel> identifiers, string name) =>
        identifiers.Select(i => Runtime + ".Id(" + i.Access + ", " + CSharpLiterals.String(name) + ", " + CSharpLiterals.String(i.Member) + ")").ToList();

    /// <summary>
    /// The handler call as the flow's lambda: <c>static (aggregate, message, context) =&gt; ...</c>,
    /// answering a ValueTask of the method's own result (Nothing when it returns none).
    /// </summary>
    internal static Layout Lambda(EndpointPlan plan, HandlerModel handler)
    {
        var call = Call(plan, handler, "context", plan.EndpointReference, target: "aggregate");
        return (handler.IsAsync, ActionAnswers(handler)) switch
        {
            (true, true) => Layout.Then("static async (aggregate, message, context) =>", call),
            (true, false) => Layout.Block("static async (aggregate, message, context) =>", [call, Text("return global::Estuary.Runtime.Nothing.Value")]),
            (false, true) => Layout.Then("static (aggregate, message, context) =>", Completed(call)),
            _ => Layout.Block("static (aggregate, message, context) =>", [call, Text("return global::Estuary.Runtime.Nothing.Completed")]),
        };
    }

    /// <summary>A completed ValueTask of a value, its type inferred from the value.</summary>
    internal static Layout Completed(Layout value) => Layout.List("global::System.Threading.Tasks.ValueTask.FromResult(", [value], ")");

    /// <summary>The handler's own call (awaited when asynchronous) with its arguments bound.</summary>
    internal static Layout Call(EndpointPlan plan, HandlerModel handler, string context, string endpoint, string? target = null)
    {
        var arguments = new List<string>();
        if (handler.Message is not null)
        {
            arguments.Add("message");
        }

        arguments.AddRange(handler.Parameters.Select(p => ArgumentEmitter.For(p, context, endpoint, "message", plan)));
        var call = Layout.List((target ?? handler.DeclaringType.FullName) + "." + CSharpNames.Escape(handler.MethodName) + "(", arguments, ")");
        return handler.IsAsync ? call.Around("await ", ".ConfigureAwait(false)") : call;
    }

    /// <summary>Whether the method itself returns a value (the endpoint's answer may be an identifier instead).</summary>
    internal static bool ActionAnswers(HandlerModel handler) => handler.Return is not (ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask);

    private static string Definition(EndpointPlan plan, StoredDefinitionModel model) => plan.ModuleFullName + "." + model.DefinitionClass + ".Instance";

    // A single identifier is answered as itself, read from the instance; several as the text they are stored under.
    private static string Identifier(StoredDefinitionModel model, string definition, string instance) =>
        model.Identifiers.Count == 1 ? instance + "." + CSharpNames.Escape(model.Identifiers[0]) : definition + ".IdOf(" + instance + ")";
}
