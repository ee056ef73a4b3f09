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
            .Select(static (pair, _) => pair.Left.Left.AddRange(pair.Left.Right).AddRange(pair.Right).ToEquatableArray());

        // One item per handler class: each class's endpoints file is rewritten only when its own
        // handlers, the interceptors or the module change.
        var handlerTypes = handlers
            .SelectMany(static (all, _) => HandlerTypes.Group(all))
            .WithTrackingName(TrackingNames.HandlerTypes);
        var summaries = handlerTypes
            .Select(static (type, _) => HandlerTypes.Summarize(type))
            .WithTrackingName(TrackingNames.HandlerSummaries)
            .Collect();

        var businessInterfaces = businessMethods.SelectMany(static (methods, _) => GatewayParser.GroupBusinessInterfaces(methods));
        var repositoryInterfaces = repositories.SelectMany(static (methods, _) => RepositoryParser.Group(methods));

        // Files are added by separate outputs, so the few types whose file names would collide are found up front.
        var ambiguous = summaries.Select(static (types, _) => types.Select(t => (t.Namespace, t.Type)))
            .Combine(gateways.Select(static (all, _) => all.Select(g => (g.Namespace, Type: g.Interface))))
            .Combine(businessInterfaces.Collect().Select(static (all, _) => all.Select(b => (b.Namespace, Type: b.Interface))))
            .Combine(repositoryInterfaces.Collect().Select(static (all, _) => all.Select(r => (r.Namespace, Type: r.Interface))))
            .Select(static (all, _) => GeneratedFiles.Ambiguous(all.Left.Left.Left.Concat(all.Left.Left.Right).Concat(all.Left.Right).Concat(all.Right)));

        var composition = module
            .Combine(summaries)
            .Combine(interceptors)
            .Combine(jsonContexts)
            .Combine(gateways)
            .Combine(businessInterfaces.Collect())
            .Combine(registered)
            .Combine(repositoryInterfaces.Collect().Combine(upcasters))
            .Select(static (all, _) => new CompositionModel
            {
                Module = all.Left.Left.Left.Left.Left.Left.Left,
                HandlerTypes = all.Left.Left.Left.Left.Left.Left.Right.ToEquatableArray(),
                Interceptors = all.Left.Left.Left.Left.Left.Right,
                JsonContexts = all.Left.Left.Left.Left.Right.ToEquatableArray(),
                Gateways = all.Left.Left.Left.Right.ToEquatableArray(),
                BusinessInterfaces = all.Left.Left.Right.ToEquatableArray(),
                NamedMessages = all.Left.Right.GroupBy(m => m.TypeName).Select(g => g.First()).OrderBy(m => m.TypeName, System.StringComparer.Ordinal).ToEquatableArray(),
                Repositories = all.Right.Left.ToEquatableArray(),
                Upcasters = all.Right.Right.OrderBy(u => u.EventName, System.StringComparer.Ordinal).ThenBy(u => u.FromRevision).ToEquatableArray(),
            })
            .WithTrackingName(TrackingNames.Composition);

        context.RegisterSourceOutput(composition, static (output, model) => EmitModule(output, model));
        context.RegisterSourceOutput(
            handlerTypes.Combine(interceptors).Combine(module).Combine(ambiguous),
            static (output, input) => EmitEndpoints(output, input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right));
        context.RegisterSourceOutput(
            gateways.SelectMany(static (all, _) => all).Combine(interceptors).Combine(module).Combine(ambiguous),
            static (output, input) => GeneratedFiles.Add(output, input.Left.Left.Left.Namespace, input.Left.Left.Left.Interface, "Gateway", GatewayEmitter.EmitBus(input.Left.Right, input.Left.Left.Right, input.Left.Left.Left), input.Right));
        context.RegisterSourceOutput(
            repositoryInterfaces.Combine(module).Combine(ambiguous),
            static (output, input) => GeneratedFiles.Add(output, input.Left.Left.Namespace, input.Left.Left.Interface, "Repository", RepositoryEmitter.Emit(input.Left.Right, input.Left.Left), input.Right));
        context.RegisterSourceOutput(
            businessInterfaces.Combine(module).Combine(ambiguous),
            static (output, input) => GeneratedFiles.Add(output, input.Left.Left.Namespace, input.Left.Left.Interface, "BusinessMethods", GatewayEmitter.EmitBusiness(input.Left.Right, input.Left.Left), input.Right));
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

    private static void EmitModule(SourceProductionContext output, CompositionModel model)
    {
        if (model.IsEmpty)
        {
            return;
        }

        var plan = new ModulePlan(model);
        GeneratedFiles.Add(output, model.Module, "Module", ModuleEmitter.EmitModule(plan));
        if (plan.TypedRequests.Count > 0)
        {
            GeneratedFiles.Add(output, model.Module, "BusExtensions", BusExtensionsEmitter.Emit(plan));
        }
    }

    private static void EmitEndpoints(SourceProductionContext output, HandlerTypeModel type, EquatableArray<InterceptorModel> interceptors, ModuleInfo module, EquatableArray<string> ambiguous)
    {
        var endpoints = type.Handlers.Select((handler, i) => new EndpointPlan(handler, type.Names.Fields[i], interceptors, type.Names.Holder, ModulePlan.FullName(module))).ToList();
        GeneratedFiles.Add(output, type.Namespace, type.Type, "Endpoints", ModuleEmitter.EmitEndpoints(module, endpoints, type), ambiguous);
    }
}
