using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// The body of an aggregate or saga endpoint. A factory creates the instance and saves it as new (the
/// send returns its identifier); an action loads the instance its message names, calls it and saves
/// it with the version it was loaded at, so a concurrent change fails with ConcurrencyException; a
/// query loads and asks. Recorded events are published after the save, in the same unit of work.
/// </summary>
internal static class AggregateEmitter
{
    private const string Runtime = "global::Estuary.Runtime.AggregateRuntime";
    private const string Token = "context.CancellationToken";

    /// <param name="arguments">The handler's arguments, already bound.</param>
    /// <param name="assignResult">Whether the endpoint returns <c>result</c> afterwards.</param>
    public static void Emit(SourceWriter writer, EndpointPlan plan, string arguments, bool assignResult)
    {
        var handler = plan.Handler;
        var aggregate = handler.Aggregate!;
        if (aggregate.EventSourced is not null)
        {
            EventSourcedEmitter.EmitEndpoint(writer, plan, arguments, assignResult);
            return;
        }

        var verb = aggregate.IsFactory ? " creates " : handler.CreateWith is not null ? " loads or creates " : aggregate.ReadOnly ? " asks " : " acts on ";
        writer.Line("// " + handler.DisplayName + verb + aggregate.Name);
        var returns = assignResult && handler.ResultType is not null;
        if (aggregate.IsFactory)
        {
            EmitCreate(writer, plan, handler, arguments, returns ? "var result = " : null, plan.Service(EndpointPlan.RepositoryType(aggregate), "context"));
            return;
        }

        writer.Line("var repository = " + plan.Service(EndpointPlan.RepositoryType(aggregate), "context") + ";");
        writer.Line("var id = " + TargetId(aggregate) + ";");

        // Branches and retry attempts each assign the result, so it is declared once, up front.
        var retried = aggregate.ConcurrencyRetries > 0 && !aggregate.ReadOnly;
        var assign = returns ? (retried || handler.CreateWith is not null ? "result = " : "var result = ") : null;
        if (assign == "result = ")
        {
            writer.Line(plan.ResultType + " result = default!;");
        }

        if (retried)
        {
            // A save that lost to a concurrent change loads the new version and runs the handler again;
            // a conflict after this instance was saved (a subscriber's own) is not retried here.
            writer.Open("for (var attempt = 0; ; attempt++)");
            writer.Line("var checkpoint = " + Runtime + ".Checkpoint();");
            writer.Line("var saved = false;");
            writer.Open("try");
        }

        EmitLoadAndAct(writer, plan, arguments, assign, retried);
        if (retried)
        {
            writer.Line("break;");
            writer.Close();
            writer.Open("catch (global::Estuary.ConcurrencyException) when (!saved && " + Runtime + ".RetryAfterConflict(checkpoint, attempt, " + aggregate.ConcurrencyRetries + "))");
            writer.Close();
            writer.Close();
        }
    }

    private static void EmitLoadAndAct(SourceWriter writer, EndpointPlan plan, string arguments, string? assign, bool retried)
    {
        var handler = plan.Handler;
        var aggregate = handler.Aggregate!;
        if (handler.CreateWith is { } factory)
        {
            writer.Line("var found = await repository.FindAsync(id, " + Token + ").ConfigureAwait(false);");
            writer.Open("if (found is { } loaded)");
            EmitAct(writer, plan, arguments, assign, retried);
            writer.Close();
            writer.Open("else");
            var factoryArguments = (factory.Message is null ? [] : new[] { "message" })
                .Concat(factory.Parameters.Select(p => ArgumentEmitter.For(p, "context", "this", "message", plan)));
            EmitCreate(writer, plan, factory, string.Join(", ", factoryArguments), assign, "repository", retried);
            writer.Close();
            return;
        }

        if (aggregate.DropWhenNotFound)
        {
            // DropMessageOnNotFound (a saga's default): an event for an instance that does not exist is skipped.
            writer.Line("var found = await repository.FindAsync(id, " + Token + ").ConfigureAwait(false);");
            writer.Open("if (found is { } loaded)");
            EmitAct(writer, plan, arguments, assign, retried);
            writer.Close();
            return;
        }

        writer.Line("var loaded = await " + Runtime + ".LoadAsync(repository, " + CSharpLiterals.String(aggregate.Name) + ", id, " + Token + ").ConfigureAwait(false);");
        EmitAct(writer, plan, arguments, assign, retried);
    }

    // Calls the instance method on the loaded instance, then saves (or deletes a completed saga).
    private static void EmitAct(SourceWriter writer, EndpointPlan plan, string arguments, string? assign, bool retried)
    {
        var handler = plan.Handler;
        var aggregate = handler.Aggregate!;
        writer.Line("var aggregate = loaded.Document;");
        if (aggregate.Version is { } version)
        {
            writer.Line("aggregate." + version.Member + " = " + (version.IsInt ? "(int)" : string.Empty) + "loaded.Version;");
        }

        var invocation = Await(handler.IsAsync, "aggregate." + CSharpNames.Escape(handler.MethodName) + "(" + arguments + ")");
        var actionReturns = handler.Return is not (ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask);
        if (aggregate.Creates is not null)
        {
            writer.Line("var created = " + invocation + ";");
        }
        else
        {
            writer.Line(assign is not null && actionReturns ? assign + invocation + ";" : invocation + ";");
        }

        if (aggregate.ReadOnly)
        {
            return;
        }

        if (aggregate.CompletedMember is { } completed)
        {
            writer.Open("if (aggregate." + completed + ")");
            writer.Line("// The saga is over: its state leaves the store.");
            writer.Line("await repository.DeleteAsync(id, loaded.Version, " + Token + ").ConfigureAwait(false);");
            writer.Close();
            writer.Open("else");
            EmitSave(writer, aggregate.Version);
            writer.Close();
        }
        else
        {
            EmitSave(writer, aggregate.Version);
        }

        if (retried)
        {
            writer.Line("saved = true;");
        }

        if (aggregate.Creates is { } created)
        {
            writer.Line("await " + plan.Service(EndpointPlan.RepositoryType(created.TypeName), "context") + ".SaveAsync(" + SaveNew(writer, created.Version, created.Identifiers, "created", created.Name) + ", created, 0, " + Token + ").ConfigureAwait(false);");
        }

        EmitPublishRecorded(writer, plan, aggregate.EventsMethod, "aggregate");
        if (aggregate.Creates is { } returned)
        {
            EmitPublishRecorded(writer, plan, returned.EventsMethod, "created");
            if (assign is not null)
            {
                writer.Line(assign + IdentifierResult(returned.Identifiers, "createdId") + ";");
            }
        }
        else if (assign is not null && !actionReturns)
        {
            // Load-or-create with an action that answers nothing: both branches answer the identifier.
            writer.Line(assign + IdentifierResult(aggregate.Identifiers, "id", "aggregate") + ";");
        }
    }

    // Calls a static factory and saves the new instance under the identifier read from it.
    private static void EmitCreate(SourceWriter writer, EndpointPlan plan, HandlerModel factory, string arguments, string? assign, string repository, bool retried = false)
    {
        var aggregate = factory.Aggregate!;
        var call = factory.DeclaringType.FullName + "." + CSharpNames.Escape(factory.MethodName) + "(" + arguments + ")";
        writer.Line("var aggregate = " + Await(factory.IsAsync, call) + ";");
        writer.Line("await " + repository + ".SaveAsync(" + SaveNew(writer, aggregate.Version, aggregate.Identifiers, "aggregate", aggregate.Name) + ", aggregate, 0, " + Token + ").ConfigureAwait(false);");
        if (retried)
        {
            writer.Line("saved = true;");
        }

        EmitPublishRecorded(writer, plan, aggregate.EventsMethod, "aggregate");
        if (assign is not null)
        {
            writer.Line(assign + IdentifierResult(aggregate.Identifiers, "newId") + ";");
        }
    }

    // Declares the new instance's identifier text (newId / createdId) and returns its name for the save call.
    private static string SaveNew(SourceWriter writer, VersionMemberModel? version, EquatableArray<IdentifierModel> identifiers, string variable, string aggregateName)
    {
        if (version is not null)
        {
            writer.Line(variable + "." + version.Member + " = 1;");
        }

        var name = variable == "created" ? "createdId" : "newId";
        writer.Line("var " + name + " = " + IdText(identifiers, variable, aggregateName) + ";");
        return name;
    }

    private static void EmitSave(SourceWriter writer, VersionMemberModel? version)
    {
        if (version is not null)
        {
            writer.Line("aggregate." + version.Member + " = " + (version.IsInt ? "(int)" : string.Empty) + "(loaded.Version + 1);");
        }

        writer.Line("await repository.SaveAsync(id, aggregate, loaded.Version, " + Token + ").ConfigureAwait(false);");
    }

    /// <summary>After the save, in the same unit of work: the instance's recorded events reach their subscribers.</summary>
    private static void EmitPublishRecorded(SourceWriter writer, EndpointPlan plan, string? eventsMethod, string variable)
    {
        if (eventsMethod is null)
        {
            return;
        }

        writer.Open("foreach (var recorded in " + variable + "." + CSharpNames.Escape(eventsMethod) + "())");
        writer.Line("await " + plan.Service(EndpointPlan.EventBus, "context") + ".PublishObjectAsync(recorded!, null, " + Token + ").ConfigureAwait(false);");
        writer.Close();
    }

    /// <summary>The identifier of the instance a message targets: mapped from the message, or the aggregate.id header.</summary>
    internal static string TargetId(AggregateModel aggregate) =>
        aggregate.FromHeader
            ? Runtime + ".Id(" + Runtime + ".Header(context, " + Runtime + ".IdentifierHeader), " + CSharpLiterals.String(aggregate.Name) + ", " + Runtime + ".IdentifierHeader)"
            : IdText(aggregate.Identifiers, null, aggregate.Name);

    /// <summary>One identifier is stored as its text; several are joined with '|' in declaration order.</summary>
    /// <param name="variable">Read each identifier from this instance's member; null: use each identifier's Access expression.</param>
    internal static string IdText(EquatableArray<IdentifierModel> identifiers, string? variable, string name)
    {
        var parts = identifiers.Select(i => Runtime + ".Id(" + Access(i, variable) + ", " + CSharpLiterals.String(name) + ", " + CSharpLiterals.String(i.Member) + ")").ToList();
        return parts.Count == 1 ? parts[0] : "string.Join(\"|\", " + string.Join(", ", parts) + ")";
    }

    // A single identifier is answered as itself, several as their stored text.
    private static string IdentifierResult(EquatableArray<IdentifierModel> identifiers, string text, string? variable = null) =>
        identifiers.Count == 1 ? (variable is null ? identifiers[0].Access : variable + "." + identifiers[0].Member) : text;

    private static string Access(IdentifierModel identifier, string? variable) =>
        variable is null ? identifier.Access : variable + "." + identifier.Member;

    private static string Await(bool isAsync, string call) => isAsync ? "await " + call + ".ConfigureAwait(false)" : call;
}
