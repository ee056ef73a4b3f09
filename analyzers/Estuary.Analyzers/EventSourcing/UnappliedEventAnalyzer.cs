using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Estuary.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Estuary.Analyzers;

/// <summary>
/// EST0036: an event a handler of an event-sourced aggregate visibly produces, of a type no
/// [EventSourcingHandler] of the aggregate applies (the generated apply switch matches base types
/// and interfaces too). The event is stored and published, but replaying the stream skips it, so
/// the state it was meant to change never changes. A heuristic, so Info: it sees object creations
/// in the handler's own body where the generator takes its events from, that is what a pure-style
/// handler returns (directly, yield return, an array or collection expression, a conditional) and
/// what a recording-style handler hands to <c>Add</c> on a member of the aggregate or to one of its
/// <c>Record...</c>/<c>Raise...</c> methods. Events built in other methods are not seen.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnappliedEventAnalyzer : EstuaryAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.EventWithoutApplyMethod);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols) =>
        context.RegisterOperationBlockAction(c => Analyze(c, symbols));

    private static void Analyze(OperationBlockAnalysisContext context, EstuarySymbols symbols)
    {
        if (context.OwningSymbol is not IMethodSymbol { ContainingType: { } aggregate } method || !EventSourcedShape.IsEventSourced(aggregate)
            || AggregateInfo.For(aggregate, symbols) is not { } info)
        {
            return;
        }

        // The generator's reading of each handler attribute on the method: where its events come from.
        var sources = info.Handlers
            .Where(h => SymbolEqualityComparer.Default.Equals(h.Method, method) && h.Aggregate?.Events is not null)
            .Select(h => h.Aggregate!.Events!.Value)
            .Distinct()
            .ToList();
        if (sources.Count == 0)
        {
            return;
        }

        var applied = EventSourcedMembers.ApplyMethods(aggregate).Where(m => m.Parameters.Length > 0).Select(m => m.Parameters[0].Type).ToList();
        var reported = new HashSet<SyntaxNode>();
        foreach (var block in context.OperationBlocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                var produced = operation switch
                {
                    IReturnOperation { ReturnedValue: { } value } when sources.Contains(EventsSource.ReturnedSingle) || sources.Contains(EventsSource.ReturnedSequence)
                        => OwnReturn(operation, block) ? Produced(value) : Enumerable.Empty<IObjectCreationOperation>(),
                    IInvocationOperation invocation when sources.Contains(EventsSource.Recorded) && Records(invocation, aggregate)
                        => invocation.Arguments.SelectMany(a => Produced(a.Value)),
                    _ => Enumerable.Empty<IObjectCreationOperation>(),
                };
                foreach (var creation in produced)
                {
                    if (creation.Type is INamedTypeSymbol type && IsCandidate(type, aggregate, context.Compilation)
                        && !applied.Any(a => Applies(a, type)) && reported.Add(creation.Syntax))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            Descriptors.EventWithoutApplyMethod, creation.Syntax.GetLocation(), Names.Display(method), Names.Type(type), aggregate.Name));
                    }
                }
            }
        }
    }

    // A return of the handler itself, not of a lambda or local function inside it.
    private static bool OwnReturn(IOperation operation, IOperation block)
    {
        for (var current = operation.Parent; current is not null && current != block; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a call hands events to the aggregate's recorded events: <c>Add</c> on a field or property
    /// of the aggregate (a list of a wider type than the value added, as event lists are), or a method
    /// of the aggregate or its base types named <c>Record...</c> or <c>Raise...</c> (<c>RecordThat</c>).
    /// </summary>
    private static bool Records(IInvocationOperation invocation, INamedTypeSymbol aggregate)
    {
        var target = invocation.TargetMethod;
        if (target.Name == "Add")
        {
            return invocation.Instance is IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } member && InHierarchy(member.Member.ContainingType, aggregate)
                && target.Parameters.Length == 1 && invocation.Arguments.Length == 1
                && !SymbolEqualityComparer.Default.Equals(target.Parameters[0].Type, Unwrap(invocation.Arguments[0].Value).Type);
        }

        return (target.Name.StartsWith("Record", System.StringComparison.Ordinal) || target.Name.StartsWith("Raise", System.StringComparison.Ordinal))
            && InHierarchy(target.ContainingType, aggregate);
    }

    /// <summary>The objects a value visibly creates as events: itself, or the elements of a collection it builds.</summary>
    private static IEnumerable<IObjectCreationOperation> Produced(IOperation? value)
    {
        switch (value)
        {
            case IConversionOperation conversion:
                return Produced(conversion.Operand);
            case IConditionalOperation conditional:
                return Produced(conditional.WhenTrue).Concat(Produced(conditional.WhenFalse));
            case ICoalesceOperation coalesce:
                return Produced(coalesce.Value).Concat(Produced(coalesce.WhenNull));
            case ISwitchExpressionOperation switchExpression:
                return switchExpression.Arms.SelectMany(a => Produced(a.Value));
            case IArrayCreationOperation array:
                return Produced(array.Initializer);
            case IArrayInitializerOperation initializer:
                return initializer.ElementValues.SelectMany(Produced);
            case ICollectionExpressionOperation collection:
                return collection.Elements.SelectMany(Produced);
            case ISpreadOperation spread:
                return Produced(spread.Operand);
            case IObjectCreationOperation creation when IsSequence(creation.Type):
                // new List<object> { new A(), new B() }: the elements, each added by an Add call.
                return creation.Initializer?.Initializers.OfType<IInvocationOperation>().SelectMany(a => a.Arguments.SelectMany(x => Produced(x.Value)))
                    ?? Enumerable.Empty<IObjectCreationOperation>();
            case IObjectCreationOperation creation:
                return new[] { creation };
            default:
                return Enumerable.Empty<IObjectCreationOperation>();
        }
    }

    /// <summary>
    /// A type that can be an event: not the aggregate (a recording-style factory returns it), not an
    /// exception, not a built-in type, a delegate or a sequence.
    /// </summary>
    private static bool IsCandidate(INamedTypeSymbol type, INamedTypeSymbol aggregate, Compilation compilation) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct && type.SpecialType == SpecialType.None && !IsSequence(type)
        && !InHierarchy(aggregate, type) && !InHierarchy(type, aggregate)
        && !(compilation.GetTypeByMetadataName("System.Exception") is { } exception && InHierarchy(exception, type));

    // As the generated switch's "case TApplied applied:": the event's type, a base class or an interface of it.
    private static bool Applies(ITypeSymbol parameter, INamedTypeSymbol produced) =>
        InHierarchy(parameter, produced) || produced.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, parameter));

    private static bool IsSequence(ITypeSymbol? type) =>
        type is not null && type.SpecialType != SpecialType.System_String
        && (type.SpecialType == SpecialType.System_Collections_IEnumerable || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable));

    /// <summary>Whether <paramref name="ancestor"/> is <paramref name="type"/> or one of its base classes.</summary>
    private static bool InHierarchy(ITypeSymbol? ancestor, ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, ancestor))
            {
                return true;
            }
        }

        return false;
    }

    private static IOperation Unwrap(IOperation operation) =>
        operation is IConversionOperation { IsImplicit: true } conversion ? Unwrap(conversion.Operand) : operation;
}
