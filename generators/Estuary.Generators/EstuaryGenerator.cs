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
        var consumers = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.MessageConsumerAttribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax, HandlerParser.ParseMessageConsumer)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.MessageConsumers)
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

        var stateGateways = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownNames.ProjectionStateGatewayAttribute, static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax, StateGatewayParser.Parse)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!.Value)
            .WithTrackingName(TrackingNames.StateGateways)
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

        var handlers = commands.Combine(queries).Combine(events).Combine(schedules).Combine(consumers)
            .Select(static (pair, _) => pair.Left.Left.Left.Left.AddRange(pair.Left.Left.Left.Right).AddRange(pair.Left.Left.Right).AddRange(pair.Left.Right).AddRange(pair.Right));
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
        var stateGatewayInterfaces = stateGateways.SelectMany(static (methods, _) => StateGatewayParser.Group(methods));

        // Files are added by separate outputs, so the few types whose file names would collide are found up front.
        var ambiguous = summaries.Select(static (types, _) => types.Select(t => (t.Namespace, t.Type)).ToImmutableArray())
            .Combine(gateways).Select(static (p, _) => p.Left.AddRange(p.Right.Select(g => (g.Namespace, g.Interface))))
            .Combine(businessInterfaces.Collect()).Select(static (p, _) => p.Left.AddRange(p.Right.Select(b => (b.Namespace, b.Interface))))
            .Combine(repositoryInterfaces.Collect()).Select(static (p, _) => p.Left.AddRange(p.Right.Select(r => (r.Namespace, r.Interface))))
            .Combine(stateGatewayInterfaces.Collect()).Select(static (p, _) => p.Left.AddRange(p.Right.Select(r => (r.Namespace, r.Interface))))
            .Select(static (all, _) => GeneratedFiles.Ambiguous(all));

        // The module-wide model, one part at a time.
        var composition = module.Select(static (info, _) => CompositionModel.Empty(info))
            .Combine(summaries).Select(static (p, _) => p.Left with { HandlerTypes = p.Right.ToEquatableArray() })
            .Combine(interceptors).Select(static (p, _) => p.Left with { Interceptors = p.Right })
            .Combine(jsonContexts).Select(static (p, _) => p.Left with { JsonContexts = p.Right.ToEquatableArray() })
            .Combine(gateways).Select(static (p, _) => p.Left with { Gateways = p.Right.ToEquatableArray() })
            .Combine(businessInterfaces.Collect()).Select(static (p, _) => p.Left with { BusinessInterfaces = p.Right.ToEquatableArray() })
            .Combine(registered).Select(static (p, _) => p.Left with
            {
                NamedMessages = p.Right.GroupBy(m => m.TypeName).Select(g => g.First()).OrderBy(m => m.TypeName, System.StringComparer.Ordinal).ToEquatableArray(),
            })
            .Combine(repositoryInterfaces.Collect()).Select(static (p, _) => p.Left with { Repositories = p.Right.ToEquatableArray() })
            .Combine(stateGatewayInterfaces.Collect()).Select(static (p, _) => p.Left with { StateGateways = p.Right.ToEquatableArray() })
            .Combine(upcasters).Select(static (p, _) => p.Left with
            {
                Upcasters = p.Right.OrderBy(u => u.EventName, System.StringComparer.Ordinal).ThenBy(u => u.FromRevision).ToEquatableArray(),
            })
            .WithTrackingName(TrackingNames.Composition);

        context.RegisterSourceOutput(composition, static (output, model) => EmitModule(output, model));
        context.RegisterSourceOutput(
            WithModule(handlerTypes, interceptors, module, ambiguous),
            static (output, input) => EmitEndpoints(output, input));
        context.RegisterSourceOutput(
            WithModule(gateways.SelectMany(static (all, _) => all), interceptors, module, ambiguous),
            static (output, input) => GeneratedFiles.Add(output, input.Item.Namespace, input.Item.Interface, "Gateway", GatewayEmitter.EmitBus(input.Module, input.Interceptors, input.Item), input.Ambiguous));
        context.RegisterSourceOutput(
            WithModule(repositoryInterfaces, interceptors, module, ambiguous),
            static (output, input) => GeneratedFiles.Add(output, input.Item.Namespace, input.Item.Interface, "Repository", RepositoryEmitter.Emit(input.Module, input.Item), input.Ambiguous));
        context.RegisterSourceOutput(
            WithModule(stateGatewayInterfaces, interceptors, module, ambiguous),
            static (output, input) => GeneratedFiles.Add(output, input.Item.Namespace, input.Item.Interface, "StateGateway", StateGatewayEmitter.Emit(input.Module, input.Item), input.Ambiguous));
        context.RegisterSourceOutput(
            WithModule(businessInterfaces, interceptors, module, ambiguous),
            static (output, input) => GeneratedFiles.Add(output, input.Item.Namespace, input.Item.Interface, "BusinessMethods", GatewayEmitter.EmitBusiness(input.Module, input.Item), input.Ambiguous));
    }

    /// <summary>Each item with what every per-item file also needs: the interceptors, the module and the colliding type names.</summary>
    private static IncrementalValuesProvider<FileInput<T>> WithModule<T>(
        IncrementalValuesProvider<T> items,
        IncrementalValueProvider<EquatableArray<InterceptorModel>> interceptors,
        IncrementalValueProvider<ModuleInfo> module,
        IncrementalValueProvider<EquatableArray<string>> ambiguous) =>
        items.Combine(interceptors).Combine(module).Combine(ambiguous)
            .Select(static (all, _) => new FileInput<T>(all.Left.Left.Left, all.Left.Left.Right, all.Left.Right, all.Right));

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

    private static void EmitEndpoints(SourceProductionContext output, FileInput<HandlerTypeModel> input)
    {
        var type = input.Item;
        var endpoints = type.Handlers.Select((handler, i) => new EndpointPlan(handler, type.Names.Fields[i], input.Interceptors, type.Names.Holder, ModulePlan.FullName(input.Module))).ToList();
        GeneratedFiles.Add(output, type.Namespace, type.Type, "Endpoints", ModuleEmitter.EmitEndpoints(input.Module, endpoints, type), input.Ambiguous);
    }
}
