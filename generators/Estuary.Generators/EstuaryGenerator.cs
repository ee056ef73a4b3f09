using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>
/// Wires a compilation's handlers at build time: endpoint classes, the module with its message
/// registry and service registrations, typed bus overloads and gateway implementations.
/// Invalid handlers are skipped silently; Estuary's analyzers report them.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EstuaryGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var commands = Handlers(context, KnownNames.CommandHandlerAttribute, HandlerKind.Command, TrackingNames.Commands);
        var queries = Handlers(context, KnownNames.QueryHandlerAttribute, HandlerKind.Query, TrackingNames.Queries);
        var events = Handlers(context, KnownNames.EventHandlerAttribute, HandlerKind.Event, TrackingNames.Events);
        var schedules = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.ScheduledAttribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax, HandlerParser.ParseScheduled)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.Schedules)
            .Collect();

        var befores = Interceptors(context, KnownNames.BeforeAttribute, InterceptorKind.Before, TrackingNames.Befores);
        var arounds = Interceptors(context, KnownNames.AroundAttribute, InterceptorKind.Around, TrackingNames.Arounds);
        var afters = Interceptors(context, KnownNames.AfterAttribute, InterceptorKind.After, TrackingNames.Afters);

        var jsonContexts = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.JsonSerializableAttribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax, JsonContextParser.Parse)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.JsonContexts)
            .Collect();

        // Gateways have no attribute of their own: any interface deriving from a bus interface is one.
        var gateways = context.SyntaxProvider
            .CreateSyntaxProvider(GatewayParser.IsCandidate, GatewayParser.ParseGateway)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.Gateways)
            .Collect();

        var businessMethods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.BusinessMethodAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                static (ctx, ct) => GatewayParser.ParseBusinessMethod(ctx, ct) is { } method
                    ? (SymbolNames.Ref(ctx.TargetSymbol.ContainingType), SymbolNames.Namespace(ctx.TargetSymbol.ContainingType), method)
                    : default((TypeRef, string, BusinessMethodModel)?))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!.Value)
            .WithTrackingName(TrackingNames.BusinessMethods)
            .Collect();

        var namedMessages = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.MessageNameAttribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax, HandlerParser.ParseNamedMessage)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.NamedMessages)
            .Collect();

        var namedEvents = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.NamedEventAttribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax, HandlerParser.ParseNamedMessage)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.NamedEvents)
            .Collect();

        var appliedEvents = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.EventSourcingHandlerAttribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax, HandlerParser.ParseAppliedEvent)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.AppliedEvents)
            .Collect();

        var upcasters = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.UpcasterAttribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax, UpcasterParser.Parse)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.Upcasters)
            .Collect();

        var registered = namedMessages.Combine(namedEvents).Combine(appliedEvents)
            .Select(static (pair, _) => pair.Left.Left.AddRange(pair.Left.Right).AddRange(pair.Right));

        var repositories = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.RepositoryAttribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax, RepositoryParser.Parse)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!.Value)
            .WithTrackingName(TrackingNames.Repositories)
            .Collect();

        var module = context.CompilationProvider
            .Select(static (compilation, _) => ModuleInfoParser.FromCompilation(compilation))
            .Combine(context.AnalyzerConfigOptionsProvider.Select(static (options, _) => ModuleInfoParser.RootNamespace(options)))
            .Select(static (pair, _) => ModuleInfoParser.Create(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Module);

        var handlers = commands.Combine(queries).Combine(events).Combine(schedules)
            .Select(static (pair, _) => pair.Left.Left.Left.AddRange(pair.Left.Left.Right).AddRange(pair.Left.Right).AddRange(pair.Right));
        var interceptors = befores.Combine(arounds).Combine(afters)
            .Select(static (pair, _) => pair.Left.Left.AddRange(pair.Left.Right).AddRange(pair.Right));

        var composition = module
            .Combine(handlers)
            .Combine(interceptors)
            .Combine(jsonContexts)
            .Combine(gateways)
            .Combine(businessMethods)
            .Combine(registered)
            .Combine(repositories.Combine(upcasters))
            .Select(static (all, _) => new CompositionModel(
                all.Left.Left.Left.Left.Left.Left.Left,
                all.Left.Left.Left.Left.Left.Left.Right.ToEquatableArray(),
                all.Left.Left.Left.Left.Left.Right.ToEquatableArray(),
                all.Left.Left.Left.Left.Right.ToEquatableArray(),
                all.Left.Left.Left.Right.ToEquatableArray(),
                GatewayParser.GroupBusinessInterfaces(all.Left.Left.Right).ToEquatableArray(),
                all.Left.Right.GroupBy(m => m.TypeName).Select(g => g.First()).OrderBy(m => m.TypeName, System.StringComparer.Ordinal).ToEquatableArray())
            {
                Repositories = RepositoryParser.Group(all.Right.Left).ToEquatableArray(),
                Upcasters = all.Right.Right.OrderBy(u => u.EventName, System.StringComparer.Ordinal).ThenBy(u => u.FromRevision).ToEquatableArray(),
            })
            .WithTrackingName(TrackingNames.Composition);

        context.RegisterSourceOutput(composition, static (output, model) => Emit(output, model));
    }

    private static IncrementalValueProvider<ImmutableArray<HandlerModel>> Handlers(IncrementalGeneratorInitializationContext context, string attribute, HandlerKind kind, string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(attribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax, (ctx, ct) => HandlerParser.Parse(ctx, kind, ct))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(trackingName)
            .Collect();

    private static IncrementalValueProvider<ImmutableArray<InterceptorModel>> Interceptors(IncrementalGeneratorInitializationContext context, string attribute, InterceptorKind kind, string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(attribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax, (ctx, ct) => InterceptorParser.Parse(ctx, kind, ct))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(trackingName)
            .Collect();

    private static void Emit(SourceProductionContext output, CompositionModel model)
    {
        if (model.Handlers.IsEmpty && model.Gateways.IsEmpty && model.BusinessInterfaces.IsEmpty && model.NamedMessages.IsEmpty && model.Repositories.IsEmpty)
        {
            return;
        }

        var plan = new ModulePlan(model);
        var module = plan.Module;
        var files = new GeneratedFiles(output);
        files.Add(module.Namespace, module.ClassName, "Module", ModuleEmitter.EmitModule(plan));
        foreach (var group in plan.Endpoints.GroupBy(e => e.Handler.DeclaringType.FullName).OrderBy(g => g.Key, System.StringComparer.Ordinal))
        {
            var handler = group.First().Handler;
            files.Add(handler.Namespace, NestedName(handler.DeclaringType, handler.Namespace), "Endpoints", ModuleEmitter.EmitEndpoints(plan, group.ToList()));
        }

        if (plan.TypedRequests.Count > 0)
        {
            files.Add(module.Namespace, module.ClassName, "BusExtensions", BusExtensionsEmitter.Emit(plan));
        }

        foreach (var gateway in model.Gateways)
        {
            files.Add(gateway.Namespace, NestedName(gateway.Interface, gateway.Namespace), "Gateway", GatewayEmitter.EmitBus(plan, gateway));
        }

        foreach (var repository in model.Repositories)
        {
            files.Add(repository.Namespace, NestedName(repository.Interface, repository.Namespace), "Repository", RepositoryEmitter.Emit(plan, repository));
        }

        foreach (var business in model.BusinessInterfaces)
        {
            files.Add(business.Namespace, NestedName(business.Interface, business.Namespace), "BusinessMethods", GatewayEmitter.EmitBusiness(plan, business));
        }
    }

    // Nested types may share a short name: hint names use the path inside the namespace (Outer.Handler).
    private static string NestedName(TypeRef type, string ns)
    {
        var prefix = "global::" + (ns.Length == 0 ? string.Empty : ns + ".");
        return type.FullName.StartsWith(prefix, System.StringComparison.Ordinal) ? type.FullName.Substring(prefix.Length) : type.Name;
    }
}
