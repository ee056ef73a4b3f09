using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// Implements an interface of [Repository] methods over the aggregates' IAggregateRepository
/// services: get loads or throws, find loads or answers null, save stores at the version the
/// instance carries (its [AggregateVersion] member) or, without one, at the stored version.
/// Event-sourced aggregates are loaded by replaying their streams (EventSourcedRepository); they
/// are not saved through an interface (RepositoryShape refuses it).
/// </summary>
internal static class RepositoryEmitter
{
    private const string Runtime = "global::Estuary.Runtime.AggregateRuntime";

    /// <summary>The generated class's name: <c>Shop_IOrdersRepositoryImplementation</c> for <c>Shop.IOrders</c>.</summary>
    public static string ClassName(TypeRef type) => CSharpNames.Member(type.FullName.Replace("global::", string.Empty)) + "RepositoryImplementation";

    /// <summary>The aggregates the interface stores, one constructor parameter and field each.</summary>
    public static IReadOnlyList<RepositoryMethodModel> Aggregates(RepositoryInterfaceModel repository) =>
        repository.Methods.GroupBy(m => m.AggregateType).Select(g => g.First()).OrderBy(m => m.AggregateType, System.StringComparer.Ordinal).ToList();

    /// <summary>The service a method's aggregate is loaded through: its event-sourced repository, or its IAggregateRepository.</summary>
    public static string ServiceType(RepositoryMethodModel method) =>
        method.EventSourced is null ? ServiceTypes.StoredRepository(method.AggregateType) : ServiceTypes.EventSourcedRepository(method.AggregateType);

    public static string Emit(ModuleInfo module, RepositoryInterfaceModel repository)
    {
        var writer = new SourceWriter();
        writer.Line(Names.FileHeader);
        ModuleEmitter.OpenNamespace(writer, module.Namespace);
        writer.Line("/// <summary>Implements the [Repository] methods of <see cref=\"" + repository.Interface.FullName.Replace("global::", string.Empty) + "\"/> over the aggregates' repositories.</summary>");
        writer.Line(Names.GeneratedCode);
        var aggregates = Aggregates(repository);
        using (writer.Block("internal sealed class " + ClassName(repository.Interface) + " : " + repository.Interface.FullName))
        {
            for (var i = 0; i < aggregates.Count; i++)
            {
                writer.Line("private readonly " + ServiceType(aggregates[i]) + " _repository" + i + ";");
            }

            writer.Line();
            writer.Wrapped("public " + ClassName(repository.Interface) + "(", aggregates.Select((a, i) => ServiceType(a) + " repository" + i).ToList(), ")");
            using (writer.Block(string.Empty))
            {
                for (var i = 0; i < aggregates.Count; i++)
                {
                    writer.Line("_repository" + i + " = repository" + i + ";");
                }
            }

            foreach (var method in repository.Methods)
            {
                writer.Line();
                EmitMethod(writer, method, "_repository" + IndexOf(aggregates, method.AggregateType));
            }
        }

        return writer.ToString();
    }

    private static void EmitMethod(SourceWriter writer, RepositoryMethodModel method, string field)
    {
        var token = method.TokenParameter ?? "default";
        var name = CSharpLiterals.String(method.AggregateName);
        writer.Line("// " + method.Kind switch
        {
            RepositoryMethodKind.Get => "Loads " + method.AggregateName + ", or throws AggregateNotFoundException.",
            RepositoryMethodKind.Find => "Loads " + method.AggregateName + ", or answers null.",
            _ => "Stores " + method.AggregateName + " with optimistic locking.",
        });
        writer.Write(DeclaredMethods.Signature("public async ", method.Declared));
        using (writer.Block(string.Empty))
        {
            AggregateEmitter.EmitId(writer, method.Identifiers, method.AggregateName);
            switch (method.Kind)
            {
                case RepositoryMethodKind.Get when method.EventSourced is not null:
                    writer.Line("return (await global::Estuary.Runtime.EventSourcingRuntime.LoadAsync(" + field + ", id, " + token + ").ConfigureAwait(false)).Aggregate;");
                    break;
                case RepositoryMethodKind.Find when method.EventSourced is not null:
                    writer.Line("return (await " + field + ".LoadAsync(id, " + token + ").ConfigureAwait(false))?.Aggregate;");
                    break;
                case RepositoryMethodKind.Get:
                    writer.Line("var loaded = await " + Runtime + ".LoadAsync(" + field + ", " + name + ", id, " + token + ").ConfigureAwait(false);");
                    EmitVersionFromStore(writer, method.Version, "loaded");
                    writer.Line("return loaded.Document;");
                    break;
                case RepositoryMethodKind.Find:
                    writer.Line("var found = await " + field + ".FindAsync(id, " + token + ").ConfigureAwait(false);");
                    writer.Open("if (found is null)");
                    writer.Line("return null;");
                    writer.Close();
                    EmitVersionFromStore(writer, method.Version, "found");
                    writer.Line("return found.Document;");
                    break;
                default:
                    EmitSave(writer, method, field, token);
                    break;
            }
        }
    }

    private static void EmitSave(SourceWriter writer, RepositoryMethodModel method, string field, string token)
    {
        var aggregate = method.AggregateParameter!;
        if (method.Version is { } version)
        {
            // The instance carries the version it was loaded at (0 when new): a change saved since then wins.
            writer.Line("var expected = (long)" + aggregate + "." + version.Member + ";");
            writer.Line(aggregate + "." + version.Member + " = " + (version.IsInt ? "(int)" : string.Empty) + "(expected + 1);");
            writer.Open("try");
            writer.Line("await " + field + ".SaveAsync(id, " + aggregate + ", expected, " + token + ").ConfigureAwait(false);");
            writer.Close();
            writer.Open("catch");
            writer.Line(aggregate + "." + version.Member + " = " + (version.IsInt ? "(int)" : string.Empty) + "expected;");
            writer.Line("throw;");
            writer.Close();
            return;
        }

        // Without a version member the instance saves over whatever version is stored now (only a save
        // racing this one fails); [AggregateVersion] extends the check back to when it was loaded.
        writer.Line("var stored = await " + field + ".FindAsync(id, " + token + ").ConfigureAwait(false);");
        writer.Line("await " + field + ".SaveAsync(id, " + aggregate + ", stored?.Version ?? 0, " + token + ").ConfigureAwait(false);");
    }

    private static void EmitVersionFromStore(SourceWriter writer, VersionMemberModel? version, string variable)
    {
        if (version is not null)
        {
            writer.Line(variable + ".Document." + version.Member + " = " + (version.IsInt ? "(int)" : string.Empty) + variable + ".Version;");
        }
    }

    private static int IndexOf(IReadOnlyList<RepositoryMethodModel> aggregates, string type)
    {
        for (var i = 0; i < aggregates.Count; i++)
        {
            if (aggregates[i].AggregateType == type)
            {
                return i;
            }
        }

        return -1;
    }
}
