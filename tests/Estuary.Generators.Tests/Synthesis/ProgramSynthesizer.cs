using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Estuary.Generators.Tests.Synthesis;

/// <summary>
/// Writes a random, valid Estuary program from a seed: messages of every kind named with keywords,
/// unicode and nesting; handlers with odd parameter names, headers, services and every return shape;
/// interceptors with message, header and attribute parameters (attribute arguments of every constant
/// kind); custom buses with typed gateway interceptors; business interfaces. Every program is valid
/// by construction, so the analyzers must report no error and the generated code must compile
/// without warnings. The same seed writes the same program.
/// </summary>
internal sealed class ProgramSynthesizer(int seed)
{
    private static readonly string[] s_namespaces = ["Shop", "Shop.Orders", "@class.Orders", "Bäckerei.Bestellungen", "Deep.A.B.C", "@event"];
    private static readonly string[] s_typeNames = ["PlaceOrder", "@event", "@string", "@class", "Bestellung", "Ünïcödé", "Order_1", "X", "@object", "@operator", "Μήνυμα", "result"];
    private static readonly string[] s_handlerClassNames = ["Handlers", "@class", "@object", "Bearbeiter", "Order_Handlers", "@static", "Endpoint", "Messages"];
    private static readonly string[] s_parameterNames =
        ["result", "_runtime", "context", "message", "typed", "typed0", "endpoint", "services", "headers", "@event", "@class", "invocation",
         "cancellationToken", "value0", "header0", "pending", "sendHeaders", "provider", "handler", "@params", "événement"];

    private readonly Random _random = new(seed);
    private readonly StringBuilder _code = new();
    private readonly HashSet<string> _usedTypeNames = new(StringComparer.Ordinal);
    private readonly List<Message> _messages = [];
    private readonly List<string> _routedCommands = [];
    private readonly List<(string Key, string Result)> _routedQueries = [];
    private readonly List<string> _attributes = [];
    private readonly List<string> _buses = [];
    private int _counter;

    private sealed record Message(string Name, string Reference, bool IsValueType, MessageRole Role);

    private enum MessageRole
    {
        Command,
        Query,
        Event,
    }

    public string Write()
    {
        _code.AppendLine("using System;");
        _code.AppendLine("using System.Threading;");
        _code.AppendLine("using System.Threading.Tasks;");
        _code.AppendLine("using Estuary;");
        _code.AppendLine();
        _code.Append("namespace ").Append(Pick(s_namespaces)).AppendLine(";");
        _code.AppendLine();
        _code.AppendLine("public interface IClock { DateTimeOffset Now { get; } }");
        _code.AppendLine("public enum Level { Low = -1, Mid = 0, High = 7 }");
        _code.AppendLine();

        for (var i = 0; i < 1 + _random.Next(5); i++)
        {
            WriteMessage();
        }

        for (var i = 0; i < 1 + _random.Next(2); i++)
        {
            WriteAttribute();
        }

        WriteHandlers();
        for (var i = 0; i < _random.Next(4); i++)
        {
            WriteInterceptor();
        }

        if (Chance(0.4))
        {
            WriteBus();
        }

        if ((_routedCommands.Count > 0 || _routedQueries.Count > 0) && Chance(0.5))
        {
            WriteBusinessInterface();
        }

        return _code.ToString();
    }

    private void WriteMessage()
    {
        var name = UniqueTypeName();
        var role = (MessageRole)_random.Next(3);
        var valueType = Chance(0.3);
        var nested = Chance(0.2);
        var declaration = valueType
            ? Pick(["public readonly record struct " + name + "(Guid Id, string Text);", "public record struct " + name + "(int Number);"])
            : Pick(["public sealed record " + name + "(Guid Id, string Text);", "public sealed class " + name + " { public Guid Id { get; set; } }", "public record " + name + "(int Number);"]);
        if (nested)
        {
            var outer = UniqueTypeName();
            _code.Append("public static class ").Append(outer).Append(" { ").Append(declaration).AppendLine(" }");
            _messages.Add(new Message(name, outer + "." + name, valueType, role));
        }
        else
        {
            _code.AppendLine(declaration);
            _messages.Add(new Message(name, name, valueType, role));
        }
    }

    // An attribute with a constructor and properties of every constant kind, put on some handlers
    // and taken by some interceptors.
    private void WriteAttribute()
    {
        var name = "Tag" + Next() + "Attribute";
        _attributes.Add(name);
        _code.AppendLine("[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]");
        _code.Append("public sealed class ").Append(name)
            .AppendLine("(double ratio, float weight, char mark, string text, Level level, object? boxed, params double[] steps) : Attribute")
            .AppendLine("{")
            .AppendLine("    public double Ratio { get; } = ratio;")
            .AppendLine("    public long Big { get; set; }")
            .AppendLine("    public byte Small { get; set; }")
            .AppendLine("    public Type? Kind { get; set; }")
            .AppendLine("    public string[]? Names { get; set; }")
            .AppendLine("}");
    }

    private string AttributeUsage(string attribute)
    {
        var name = attribute.Substring(0, attribute.Length - "Attribute".Length);
        var arguments = new[]
        {
            Pick(["double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "-0.0", "double.Epsilon", "double.MaxValue", "-1.5", "1e300"]),
            Pick(["float.NaN", "float.NegativeInfinity", "-2.5f", "3.4e38f", "0f"]),
            Pick(["'\\''", "'\\\\'", "'\"'", "'\\n'", "'ä'", "'\\0'"]),
            Pick(["\"\"", "\"quote \\\" and backslash \\\\\"", "\"{braces}\"", "\"line\\nbreak\"", "@\"verbatim \"\"x\"\"\"", "\"ünïcödé\""]),
            Pick(["Level.Low", "(Level)(-5)", "Level.High", "(Level)42"]),
            Pick(["null", "1", "(byte)2", "(short)-3", "'c'", "\"boxed\"", "typeof(string)", "-4L", "1.5", "new int[] { 1, -2 }", "Level.High"]),
            Pick(["", "1.0", "double.NaN, -1.0, 2e-300"]),
        };
        var text = name + "(" + string.Join(", ", arguments.Where(a => a.Length > 0)) + ")";
        var named = new List<string>();
        if (Chance(0.5))
        {
            named.Add("Big = " + Pick(["long.MinValue", "long.MaxValue", "-1", "0"]));
        }

        if (Chance(0.5))
        {
            named.Add("Small = " + Pick(["byte.MaxValue", "0", "7"]));
        }

        if (Chance(0.5))
        {
            named.Add("Kind = typeof(" + Pick(["int", "System.Collections.Generic.List<int>", "Level", "IClock"]) + ")");
        }

        if (Chance(0.5))
        {
            named.Add("Names = new[] { \"a\", \"b\\\"c\" }");
        }

        return named.Count == 0 ? text : text.Substring(0, text.Length - 1) + (text.EndsWith("()", StringComparison.Ordinal) ? string.Empty : ", ") + string.Join(", ", named) + ")";
    }

    private void WriteHandlers()
    {
        var classes = _random.Next(1, 4);
        var commandTaken = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < classes; c++)
        {
            var isStatic = Chance(0.4);
            var name = UniqueName(s_handlerClassNames);
            if (_attributes.Count > 0 && Chance(0.3))
            {
                _code.Append('[').Append(AttributeUsage(Pick(_attributes))).AppendLine("]");
            }

            _code.Append("public ").Append(isStatic ? "static" : "sealed").Append(" class ").Append(name).AppendLine();
            _code.AppendLine("{");
            foreach (var message in _messages.Where(m => m.Role == MessageRole.Event || commandTaken.Add(m.Reference)).Where(_ => Chance(0.7)).ToList())
            {
                WriteHandler(message, isStatic);
            }

            // A routing-key-only handler: no message parameter.
            if (Chance(0.3))
            {
                WriteRoutingKeyHandler(isStatic);
            }

            _code.AppendLine("}");
        }
    }

    private void WriteHandler(Message message, bool isStatic)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var parameters = new List<string> { message.Reference + (message.IsValueType && message.Role == MessageRole.Event && Chance(0.2) ? "?" : string.Empty) + " " + UniqueName(s_parameterNames, names) };
        parameters.AddRange(ExtraParameters(names, allowInvocation: false));
        var isQuery = message.Role == MessageRole.Query;
        var routingKey = message.Role != MessageRole.Event && Chance(0.4) ? "route." + Next() : null;
        var attribute = message.Role switch
        {
            MessageRole.Command => "CommandHandler",
            MessageRole.Query => "QueryHandler",
            _ => "EventHandler",
        };
        var endpointId = "endpoint." + Next();
        var asynchronous = message.Role != MessageRole.Query && Chance(0.25);
        if (asynchronous)
        {
            _code.Append("    [Asynchronous(\"channel-").Append(_random.Next(2)).AppendLine("\")]");
        }

        var arguments = new List<string>();
        if (routingKey is not null)
        {
            arguments.Add(Literal(routingKey));
        }

        if (asynchronous || Chance(0.2))
        {
            arguments.Add("EndpointId = " + Literal(endpointId));
        }

        _code.Append("    [").Append(attribute).Append(arguments.Count == 0 ? string.Empty : "(" + string.Join(", ", arguments) + ")").AppendLine("]");
        if (_attributes.Count > 0 && Chance(0.4))
        {
            _code.Append("    [").Append(AttributeUsage(Pick(_attributes))).AppendLine("]");
        }

        var (returnType, body) = isQuery ? QueryReturn(out var resultType) : VoidReturn(out resultType);
        if (isQuery && routingKey is not null)
        {
            _routedQueries.Add((routingKey, resultType!));
        }
        else if (message.Role == MessageRole.Command && routingKey is not null && !message.IsValueType)
        {
            _routedCommands.Add(routingKey + "|" + message.Reference);
        }

        _code.Append("    public ").Append(isStatic ? "static " : string.Empty).Append(returnType).Append(' ').Append(UniqueMethodName())
            .Append('(').Append(string.Join(", ", parameters)).Append(") ").AppendLine(body);
    }

    private void WriteRoutingKeyHandler(bool isStatic)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);

        // Without a message parameter, a first parameter of a class or interface type would be taken as the message.
        var parameters = ExtraParameters(names, allowInvocation: false).Where(p => !p.StartsWith("IClock ", StringComparison.Ordinal)).ToList();
        if (Chance(0.5))
        {
            _code.Append("    [EventHandler(").Append(Literal(Pick(["*", "route.*", "x"]))).AppendLine(")]");
            _code.Append("    public ").Append(isStatic ? "static " : string.Empty).Append("void ").Append(UniqueMethodName())
                .Append('(').Append(string.Join(", ", parameters)).AppendLine(") { }");
        }
        else
        {
            var key = "count." + Next();
            _routedQueries.Add((key, "int"));
            _code.Append("    [QueryHandler(").Append(Literal(key)).AppendLine(")]");
            _code.Append("    public ").Append(isStatic ? "static " : string.Empty).Append("int ").Append(UniqueMethodName())
                .Append('(').Append(string.Join(", ", parameters)).AppendLine(") => 1;");
        }
    }

    private IEnumerable<string> ExtraParameters(HashSet<string> names, bool allowInvocation)
    {
        var extras = new List<string>();
        foreach (var kind in Enumerable.Range(0, _random.Next(4)).Select(_ => _random.Next(allowInvocation ? 6 : 5)).Distinct())
        {
            var name = UniqueName(s_parameterNames, names);
            extras.Add(kind switch
            {
                0 => "[Header(" + Literal(Pick(["user", "x-tenant", "ünïcödé", "a\"b"])) + ")] string? " + name,
                1 => "[Header(\"count\")] int? " + name,
                2 => "MessageContext " + name,
                3 => "CancellationToken " + name,
                4 => "IClock " + name,
                _ => "IInvocation " + name,
            });
        }

        // A CancellationToken or MessageContext may appear only once: Distinct on the kind keeps it so.
        return extras;
    }

    private (string Type, string Body) QueryReturn(out string? resultType)
    {
        var result = Pick(["int", "string", "Guid", "Level", "int[]"]);
        resultType = result;
        var value = result switch
        {
            "int" => "1",
            "string" => "\"x\"",
            "Guid" => "Guid.Empty",
            "Level" => "Level.Mid",
            _ => "new int[0]",
        };
        return _random.Next(3) switch
        {
            0 => (result, "=> " + value + ";"),
            1 => ("Task<" + result + ">", "=> Task.FromResult<" + result + ">(" + value + ");"),
            _ => ("ValueTask<" + result + ">", "=> new ValueTask<" + result + ">(" + value + ");"),
        };
    }

    private (string Type, string Body) VoidReturn(out string? resultType)
    {
        resultType = null;
        return _random.Next(3) switch
        {
            0 => ("void", "{ }"),
            1 => ("Task", "=> Task.CompletedTask;"),
            _ => ("ValueTask", "=> default;"),
        };
    }

    private void WriteInterceptor()
    {
        var kind = Pick(["Before", "After", "Around"]);
        var isStatic = Chance(0.5);
        var name = "Interceptor" + Next();
        _code.Append("public ").Append(isStatic ? "static" : "sealed").Append(" class ").AppendLine(name);
        _code.AppendLine("{");
        var options = new List<string>();
        if (Chance(0.3))
        {
            options.Add("Precedence = " + _random.Next(-5, 5));
        }

        _code.Append("    [").Append(kind).Append(options.Count == 0 ? string.Empty : "(" + string.Join(", ", options) + ")").AppendLine("]");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var parameters = new List<string>();
        if (kind == "Around")
        {
            parameters.Add("IInvocation " + UniqueName(s_parameterNames, names));
        }
        else
        {
            var message = _messages.Count > 0 && Chance(0.4) ? Pick(_messages).Reference : Pick(["object", "object?"]);
            if (Chance(0.8))
            {
                parameters.Add(message + " " + UniqueName(s_parameterNames, names));
            }
        }

        if (_attributes.Count > 0 && Chance(0.3))
        {
            parameters.Add(Pick(_attributes) + " " + UniqueName(s_parameterNames, names));
        }

        if (Chance(0.4))
        {
            parameters.Add("[Header(\"user\")] string? " + UniqueName(s_parameterNames, names));
        }

        if (Chance(0.3))
        {
            parameters.Add("MessageContext " + UniqueName(s_parameterNames, names));
        }

        var modifier = isStatic ? "static " : string.Empty;
        var method = UniqueMethodName();
        if (kind == "Around")
        {
            _code.Append("    public ").Append(modifier).Append("ValueTask<object?> ").Append(method).Append('(').Append(string.Join(", ", parameters))
                .Append(") => ").Append(parameters[0].Split(' ')[1]).AppendLine(".ProceedAsync();");
        }
        else if (kind == "Before" && Chance(0.3))
        {
            _code.Append("    public ").Append(modifier).Append("bool ").Append(method).Append('(').Append(string.Join(", ", parameters)).AppendLine(") => true;");
        }
        else
        {
            var (returnType, body) = Pick([("void", "{ }"), ("ValueTask", "=> default;"), ("Task", "=> Task.CompletedTask;")]);
            _code.Append("    public ").Append(modifier).Append(returnType).Append(' ').Append(method).Append('(').Append(string.Join(", ", parameters))
                .Append(") ").AppendLine(body);
        }

        _code.AppendLine("}");
    }

    private void WriteBus()
    {
        var bus = "I" + UniqueTypeName().TrimStart('@') + "Bus";
        _buses.Add(bus);
        _code.Append("public interface ").Append(bus).AppendLine(" : ICommandBus;");
        var name = "BusPolicy" + Next();
        _code.Append("public static class ").AppendLine(name).AppendLine("{");
        for (var i = 0; i < 1 + _random.Next(3); i++)
        {
            var kind = Pick(["Before", "After"]);
            var message = _messages.Count > 0 && Chance(0.7) ? Pick(_messages).Reference : "object";
            _code.Append("    [").Append(kind).Append("(Pointcut = typeof(").Append(bus).AppendLine("))]");
            _code.Append("    public static void ").Append(UniqueMethodName()).Append('(').Append(message).Append(' ').Append(Pick(["result", "typedMessage", "message", "@event"]))
                .Append(Chance(0.5) ? ", [Header(\"role\")] string? " + Pick(["header0", "value0", "role"]) : string.Empty).AppendLine(") { }");
        }

        _code.AppendLine("}");
    }

    private void WriteBusinessInterface()
    {
        var name = "I" + UniqueTypeName().TrimStart('@') + "Api";
        _code.Append("public interface ").AppendLine(name).AppendLine("{");
        foreach (var command in _routedCommands)
        {
            var (key, type) = (command.Split('|')[0], command.Split('|')[1]);
            var names = new HashSet<string>(StringComparer.Ordinal);
            _code.Append("    [BusinessMethod(").Append(Literal(key)).AppendLine(")]");
            _code.Append("    Task ").Append(UniqueMethodName()).Append('(').Append(type).Append(' ').Append(UniqueName(s_parameterNames, names))
                .Append(Chance(0.5) ? ", [Header(\"user\")] string " + UniqueName(s_parameterNames, names) : string.Empty)
                .Append(Chance(0.5) ? ", CancellationToken " + UniqueName(s_parameterNames, names) + " = default" : string.Empty).AppendLine(");");
        }

        foreach (var (key, result) in _routedQueries.Where(q => q.Key.StartsWith("count.", StringComparison.Ordinal)))
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            _code.Append("    [BusinessMethod(").Append(Literal(key)).AppendLine(")]");
            _code.Append("    ").Append(Pick([result, "Task<" + result + ">", "ValueTask<" + result + ">"])).Append(' ').Append(UniqueMethodName())
                .Append('(').Append(Chance(0.5) ? "MessageHeaders " + UniqueName(s_parameterNames, names) : string.Empty).AppendLine(");");
        }

        _code.AppendLine("}");
    }

    private string UniqueTypeName()
    {
        var name = Pick(s_typeNames);
        return _usedTypeNames.Add(name.TrimStart('@')) ? name : name.TrimStart('@') + "_" + Next();
    }

    private string UniqueName(string[] pool, HashSet<string>? used = null)
    {
        used ??= _usedTypeNames;
        var name = Pick(pool);
        return used.Add(name.TrimStart('@')) ? name : name.TrimStart('@') + "_" + Next();
    }

    private string UniqueMethodName() => Pick(["Handle", "On", "@event", "@class", "Ärger", "Run", "Invoke"]) + "_" + Next();

    private static string Literal(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);

    private int Next() => ++_counter;

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
