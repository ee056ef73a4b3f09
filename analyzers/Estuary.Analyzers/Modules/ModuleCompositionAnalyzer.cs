using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Estuary.Analyzers;

/// <summary>
/// EST0012: nothing is discovered by scanning, so a module the host references but does not add in
/// AddEstuary() leaves its handlers dead (a send fails at run time with "not composed"). The
/// generator marks every assembly with [assembly: GeneratedModule(typeof(X))], which analyzers see
/// for referenced assemblies and, since they run after generators, for this compilation too.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModuleCompositionAnalyzer : EstuaryAnalyzer
{
    /// <summary>Diagnostic property: the metadata name of the missing module, for the code fix.</summary>
    internal const string ModuleProperty = "Module";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ModuleNotComposed);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, EstuarySymbols symbols)
    {
        if (symbols.ServiceCollectionExtensions is null || symbols.EstuaryBuilder is null || symbols.GeneratedModule is null)
        {
            return;
        }

        var compilation = context.Compilation;
        var modules = new Lazy<ImmutableArray<(INamedTypeSymbol Module, IAssemblySymbol Assembly)>>(() => DeclaredModules(compilation, symbols));
        context.RegisterOperationAction(
            c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                if (invocation.TargetMethod.Name == "AddEstuary" && EstuarySymbols.Is(invocation.TargetMethod.ContainingType, symbols.ServiceCollectionExtensions)
                    && Configure(invocation) is { } lambda && Added(lambda, symbols, modules.Value, c.Compilation) is { } added)
                {
                    foreach (var (module, _) in modules.Value.Where(m => !added.Contains(m.Module)))
                    {
                        var properties = ImmutableDictionary<string, string?>.Empty.Add(ModuleProperty, Estuary.SourceGeneration.HandlerRules.MetadataName(module));
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.ModuleNotComposed, NameLocation(invocation), properties, module.Name));
                    }
                }
            },
            OperationKind.Invocation);
    }

    /// <summary>The modules of this compilation and of every referenced assembly.</summary>
    private static ImmutableArray<(INamedTypeSymbol, IAssemblySymbol)> DeclaredModules(Compilation compilation, EstuarySymbols symbols)
    {
        var modules = new List<(INamedTypeSymbol, IAssemblySymbol)>();
        foreach (var assembly in new[] { compilation.Assembly }.Concat(compilation.SourceModule.ReferencedAssemblySymbols))
        {
            foreach (var attribute in assembly.GetAttributes())
            {
                if (EstuarySymbols.Is(attribute.AttributeClass, symbols.GeneratedModule)
                    && attribute.ConstructorArguments.FirstOrDefault().Value is INamedTypeSymbol { TypeKind: not TypeKind.Error } module)
                {
                    modules.Add((module, assembly));
                }
            }
        }

        return modules.ToImmutableArray();
    }

    private static IAnonymousFunctionOperation? Configure(IInvocationOperation invocation) =>
        invocation.Arguments.Select(a => a.Value).OfType<IDelegateCreationOperation>().Select(d => d.Target).OfType<IAnonymousFunctionOperation>().FirstOrDefault();

    /// <summary>
    /// The modules the lambda adds, or null when it cannot be known: a module passed as a value
    /// of a non-sealed type, or the builder handed to code in this project that may add more.
    /// </summary>
    private static HashSet<ITypeSymbol>? Added(IAnonymousFunctionOperation lambda, EstuarySymbols symbols, ImmutableArray<(INamedTypeSymbol Module, IAssemblySymbol Assembly)> modules, Compilation compilation)
    {
        var added = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var call in lambda.Body.Descendants().OfType<IInvocationOperation>())
        {
            var method = call.TargetMethod;
            if (EstuarySymbols.Is(method.ContainingType, symbols.EstuaryBuilder))
            {
                if (method.Name != "AddModule")
                {
                    continue;
                }

                var module = method.IsGenericMethod ? method.TypeArguments[0] : ModuleArgument(call);
                if (module is not INamedTypeSymbol { IsSealed: true })
                {
                    return null;
                }

                added.Add(module);
            }
            else if (call.Arguments.Any(a => EstuarySymbols.Is(Unwrap(a.Value).Type as INamedTypeSymbol, symbols.EstuaryBuilder)))
            {
                // A library's own extension may add the library's module; code in this project may add any.
                if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
                {
                    return null;
                }

                added.UnionWith(modules.Where(m => SymbolEqualityComparer.Default.Equals(m.Assembly, method.ContainingAssembly)).Select(m => m.Module));
            }
        }

        return added;
    }

    private static ITypeSymbol? ModuleArgument(IInvocationOperation call) =>
        call.Arguments.FirstOrDefault() is { } argument ? Unwrap(argument.Value).Type : null;

    private static IOperation Unwrap(IOperation operation) =>
        operation is IConversionOperation { IsImplicit: true } conversion ? Unwrap(conversion.Operand) : operation;

    private static Location NameLocation(IInvocationOperation invocation) =>
        invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.Name.GetLocation() : invocation.Syntax.GetLocation();
}
