using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Estuary.SourceGeneration;

/// <summary>Why a [Scheduled] method is not wired.</summary>
internal enum ScheduleProblemKind
{
    /// <summary>The schedule has no name.</summary>
    NoName,

    /// <summary>Neither EveryMilliseconds (positive) nor Cron is given, or both are.</summary>
    Timing,

    /// <summary>Generated code cannot call the method.</summary>
    Uncallable,

    /// <summary>A parameter cannot be bound (a schedule has no message: services, the token and the context only).</summary>
    UnbindableParameter,
}

/// <summary>One reason a [Scheduled] method is not wired.</summary>
internal sealed record ScheduleProblem(ScheduleProblemKind Kind, CallProblem? Call = null, IParameterSymbol? Parameter = null, ParameterProblem? Binding = null);

/// <summary>
/// Reads [Scheduled]. A schedule is wired as a command endpoint reached by the routing key
/// <c>schedule:{name}</c> and taking no message, so it gets everything an endpoint has: parameter
/// binding, interceptors, and with [Asynchronous] a channel with retries and deduplication.
/// </summary>
internal static class ScheduleShape
{
    public const string RoutingKeyPrefix = "schedule:";

    public static ScheduleModel? Read(AttributeData attribute)
    {
        var name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        int? every = null;
        string? cron = null;
        string? timeZone = null;
        foreach (var named in attribute.NamedArguments)
        {
            switch (named.Key)
            {
                case "EveryMilliseconds" when named.Value.Value is int value:
                    every = value;
                    break;
                case "Cron":
                    cron = named.Value.Value as string;
                    break;
                case "TimeZone":
                    timeZone = named.Value.Value as string;
                    break;
            }
        }

        return new ScheduleModel(name ?? string.Empty, every, string.IsNullOrWhiteSpace(cron) ? null : cron, string.IsNullOrWhiteSpace(timeZone) ? null : timeZone);
    }

    public static IEnumerable<ScheduleProblem> Problems(IMethodSymbol method, ScheduleModel schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule.Name))
        {
            yield return new ScheduleProblem(ScheduleProblemKind.NoName);
        }

        if ((schedule.EveryMilliseconds is > 0) == (schedule.Cron is not null))
        {
            yield return new ScheduleProblem(ScheduleProblemKind.Timing);
        }

        if (Callability.Check(method, allowStructOwner: false) is { } call)
        {
            yield return new ScheduleProblem(ScheduleProblemKind.Uncallable, Call: call);
        }

        foreach (var parameter in method.Parameters)
        {
            if (HandlerRules.BindingProblem(parameter, isInterceptor: false, isAround: false) is { } problem)
            {
                yield return new ScheduleProblem(ScheduleProblemKind.UnbindableParameter, Parameter: parameter, Binding: problem);
            }
        }
    }
}
