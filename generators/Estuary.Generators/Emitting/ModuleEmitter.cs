using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>Emits the module class: endpoint instances, the message registry and service registrations.</summary>
internal static class ModuleEmitter
{
    public static string EmitModule(ModulePlan plan)
    {
        var module = plan.Module;
        var writer = new SourceWriter();
        writer.Line(Names.FileHeader);
        writer.Line("[assembly: global::Estuary.Runtime.GeneratedModuleAttribute(typeof(" + plan.ModuleFullName + "))]");
        writer.Line();
        OpenNamespace(writer, module.Namespace);
        writer.Line("/// <summary>");
        writer.Line("/// The Estuary module of assembly " + Xml(module.AssemblyName) + ": " + plan.Endpoints.Count + " endpoint(s), " + plan.Messages.Count + " message type(s).");
        writer.Line("/// Add it to a host with <c>services.AddEstuary(estuary => estuary.AddModule&lt;" + module.ClassName + "&gt;())</c>.");
        writer.Line("/// </summary>");
        writer.Line(Names.GeneratedCode);
        using (writer.Block("public sealed partial class " + module.ClassName + " : global::Estuary.EstuaryModule"))
        {
            writer.Line("private static readonly global::Estuary.Runtime.Endpoint[] s_endpoints =");
            writer.Line("[");
            foreach (var endpoint in plan.Endpoints)
            {
                writer.Line("    " + endpoint.Member + ",");
            }

            writer.Line("];");
            writer.Line();
            writer.Wrapped("private static readonly global::Estuary.Runtime.MessageType[] s_messageTypes = [", plan.Messages.Select(m => "Messages." + m.FieldName).ToList(), "];");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("public override string Name => " + CSharpLiterals.String(module.ClassName) + ";");
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line("public override global::System.Collections.Generic.IReadOnlyList<global::Estuary.Runtime.Endpoint> Endpoints => s_endpoints;");
            writer.Line();
            if (plan.Projections.Count > 0)
            {
                writer.Line("/// <inheritdoc />");
                writer.Line("public override global::System.Collections.Generic.IReadOnlyList<global::Estuary.Runtime.ProjectionDefinition> Projections =>");
                using (writer.Indented())
                {
                    writer.Wrapped("[", plan.Projections, "];");
                }

                writer.Line();
            }
            writer.Line("/// <inheritdoc />");
            writer.Line("public override global::System.Collections.Generic.IReadOnlyList<global::Estuary.Runtime.MessageType> MessageTypes => s_messageTypes;");
            writer.Line();
            if (!plan.Composition.JsonContexts.IsEmpty)
            {
                writer.Line("/// <inheritdoc />");
                writer.Line("public override global::System.Collections.Generic.IReadOnlyList<global::System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver> JsonResolvers =>");
                using (writer.Indented())
                {
                    writer.Wrapped("[", plan.Composition.JsonContexts.Select(c => c.TypeName + ".Default").ToList(), "];");
                }
                writer.Line();
            }

            if (!plan.Composition.Upcasters.IsEmpty)
            {
                writer.Line("/// <inheritdoc />");
                writer.Line("public override global::System.Collections.Generic.IReadOnlyList<global::Estuary.EventUpcaster> Upcasters { get; } =");
                writer.Line("[");
                foreach (var upcaster in plan.Composition.Upcasters)
                {
                    writer.Line("    new(" + CSharpLiterals.String(upcaster.EventName) + ", " + upcaster.FromRevision.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", static json => " + upcaster.Method + "(json)),");
                }

                writer.Line("];");
                writer.Line();
            }

            EmitConfigureServices(writer, plan);
            writer.Line();
            EmitRegistry(writer, plan);
            foreach (var stored in plan.Stored.Select(s => s.Definition).OfType<StoredDefinitionModel>())
            {
                writer.Line();
                AggregateEmitter.EmitDefinition(writer, stored);
            }

            foreach (var eventSourced in plan.EventSourced)
            {
                writer.Line();
                EventSourcedEmitter.EmitDefinition(writer, eventSourced);
            }
        }

        return writer.ToString();
    }

    /// <summary>A handler class's endpoints, in a class of their own nested in the module.</summary>
    public static string EmitEndpoints(ModuleInfo module, IReadOnlyList<EndpointPlan> endpoints, HandlerTypeModel type)
    {
        var writer = new SourceWriter();
        writer.Line(Names.FileHeader);
        OpenNamespace(writer, module.Namespace);
        using (writer.Block("partial class " + module.ClassName))
        {
            writer.Line("/// <summary>The endpoints of <c>" + Xml(type.Type.PlainName) + "</c>.</summary>");
            using (writer.Block("internal static class " + type.Names.Holder))
            {
                foreach (var endpoint in endpoints)
                {
                    writer.Line("internal static readonly " + endpoint.ClassName + " " + endpoint.FieldName + " = new();");
                }

                foreach (var endpoint in endpoints)
                {
                    writer.Line();
                    EndpointEmitter.Emit(writer, endpoint, module.ClassName);
                }

                if (type.Projection is not null)
                {
                    ProjectionEmitter.Emit(writer, type, endpoints, module.ClassName);
                }
            }
        }

        return writer.ToString();
    }

    private static void EmitConfigureServices(SourceWriter writer, ModulePlan plan)
    {
        writer.Line("/// <inheritdoc />");
        writer.Wrapped("public override void ConfigureServices(", ["global::Microsoft.Extensions.DependencyInjection.IServiceCollection services", "global::Estuary.EstuaryOptions options"], ")");
        using (writer.Block(string.Empty))
        {
            var registered = new HashSet<string>(System.StringComparer.Ordinal);
            var classes = plan.Composition.HandlerTypes.Where(t => t.IsService).Select(t => (t.Type.FullName, t.Constructor))
                .Concat(plan.Composition.Interceptors.Where(i => !i.IsStatic).Select(i => (i.DeclaringType.FullName, i.Constructor)))
                .OrderBy(c => c.FullName, System.StringComparer.Ordinal);
            foreach (var (type, constructor) in classes)
            {
                if (!registered.Add(type))
                {
                    continue;
                }

                if (constructor is null)
                {
                    writer.Line(Services + ".AddHandler<" + type + ">(services, options);");
                    continue;
                }

                writer.Wrapped(Services + ".AddHandler(services, options, static provider => new " + type + "(", constructor.ParameterTypes.Select(Get).ToList(), "));");
            }

            // Each aggregate is stored in the host's document store unless the application registered a repository.
            // Event-sourced aggregates load and append through a repository over the event store.
            foreach (var eventSourced in plan.EventSourced)
            {
                writer.Line(Services + ".AddEventSourcedRepository(services, new " + eventSourced.Model.DefinitionClass + "());");
            }

            // Streams kept in an events table of their own: stores with tables read these registrations.
            foreach (var eventSourced in plan.EventSourced.Where(e => e.Model.Table is not null))
            {
                writer.Line(Services + ".AddStreamTable(services, " + CSharpLiterals.String(eventSourced.Model.StreamPrefix) + ", " + CSharpLiterals.String(eventSourced.Model.Table!) + ");");
            }

            foreach (var (typeName, name) in plan.Stored.Select(a => (a.TypeName, a.Name)))
            {
                writer.Line(Services + ".AddDocumentRepository<" + typeName + ">(services, " + CSharpLiterals.String(name) + ");");
            }

            foreach (var gateway in plan.Composition.Gateways)
            {
                EmitSingleton(writer, gateway.Interface.FullName, GatewayEmitter.ClassName(gateway.Interface), [Get(Runtime)]);
            }

            foreach (var repository in plan.Composition.Repositories)
            {
                var repositories = RepositoryEmitter.Aggregates(repository).Select(a => Get(RepositoryEmitter.ServiceType(a)));
                EmitSingleton(writer, repository.Interface.FullName, RepositoryEmitter.ClassName(repository.Interface), repositories);
            }

            foreach (var business in plan.Composition.BusinessInterfaces)
            {
                EmitSingleton(writer, business.Interface.FullName, GatewayEmitter.ClassName(business.Interface), [Get(Runtime)]);
            }

            foreach (var gateway in plan.Composition.StateGateways)
            {
                EmitSingleton(writer, gateway.Interface.FullName, StateGatewayEmitter.ClassName(gateway.Interface), [Get("global::Estuary.EstuaryProjections")]);
            }
        }
    }

    private const string Services = "global::Estuary.Runtime.ModuleServices";

    private const string Runtime = "global::Estuary.Runtime.EstuaryRuntime";

    private static string Get(string type) => Services + ".Get<" + type + ">(provider)";

    /// <summary>Registers the generated implementation of <paramref name="service"/>, built from the services it is given.</summary>
    private static void EmitSingleton(SourceWriter writer, string service, string implementation, IEnumerable<string> arguments) =>
        writer.Write(
            Layout.List(
                Services + ".AddSingleton<" + service + ">(",
                [Layout.Text("services"), Layout.Then("static provider =>", Layout.List("new " + implementation + "(", arguments, ")"))],
                ")"),
            ";");

    private static void EmitRegistry(SourceWriter writer, ModulePlan plan)
    {
        writer.Line("/// <summary>The closed registry of message types this module's handlers take.</summary>");
        using (writer.Block("internal static class Messages"))
        {
            foreach (var message in plan.Messages)
            {
                if (message != plan.Messages[0])
                {
                    writer.Line();
                }

                var type = message.Message.TypeName;
                var assignable = "[" + string.Join(", ", message.Message.AssignableTo.Select(t => "typeof(" + t + ")")) + "]";
                var json = message.JsonContext is null
                    ? "null"
                    : "global::Estuary.Runtime.MessageType<" + type + ">.JsonOf(" + message.JsonContext + ".Default)";
                writer.Line("// " + message.Message.MessageName + (message.JsonContext is null ? " (no JSON metadata)" : " (JSON: " + message.JsonContext.Replace("global::", string.Empty) + ")"));
                List<string> arguments = [CSharpLiterals.String(message.Message.MessageName), assignable, json];
                if (message.Message.Revision > 1)
                {
                    arguments.Add("revision: " + message.Message.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                if (!message.Message.SensitiveMembers.IsEmpty)
                {
                    arguments.Add("sensitiveMembers: [" + string.Join(", ", message.Message.SensitiveMembers.Select(CSharpLiterals.String)) + "]");
                }

                writer.Wrapped("internal static readonly global::Estuary.Runtime.MessageType<" + type + "> " + message.FieldName + " = new(", arguments, ");");
            }
        }
    }

    public static void OpenNamespace(SourceWriter writer, string ns)
    {
        if (ns.Length > 0)
        {
            writer.Line("namespace " + ns + ";");
            writer.Line();
        }
    }

    private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
