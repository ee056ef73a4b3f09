using System;
using System.Text;

namespace Estuary.SourceGeneration;

/// <summary>A small indented writer for generated C#; raw string literals hold the fixed parts.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length == 0)
        {
            _builder.Append('\n');
            return this;
        }

        // Multi-line text (raw string literals) is indented line by line.
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Length > 0)
            {
                for (var i = 0; i < _indent; i++)
                {
                    _builder.Append(IndentUnit);
                }

                _builder.Append(line);
            }

            _builder.Append('\n');
        }

        return this;
    }

    /// <summary>
    /// <c>{head}{item, item, ...}{tail}</c> on one line when it fits in <see cref="MaxLineLength"/>,
    /// else the head, then one item per line one level deeper, the tail after the last: how
    /// hand-written code lays out a long argument or parameter list.
    /// </summary>
    public SourceWriter Wrapped(string head, System.Collections.Generic.IReadOnlyList<string> items, string tail) =>
        Write(Layout.List(head, items, tail));

    /// <summary>
    /// Writes <paramref name="code"/> followed by <paramref name="suffix"/> (a <c>;</c>, a <c>,</c>): on
    /// one line when it fits, else broken as <see cref="Layout"/> describes, each part laid out the same way.
    /// </summary>
    public SourceWriter Write(Layout code, string suffix = "")
    {
        var flat = code.Flat + suffix;
        if (!code.AlwaysBreak && Fits(flat))
        {
            return Line(flat);
        }

        code.WriteBroken(this, suffix);
        return this;
    }

    /// <summary>Writes one level deeper until disposed.</summary>
    public IDisposable Indented()
    {
        _indent++;
        return new Outdenter(this);
    }

    /// <summary><c>{target} = {value};</c>, with the value on the next line, one level deeper, when the line would be too long.</summary>
    public SourceWriter Assignment(string target, string value) => Continued(target + " =", value + ";");

    /// <summary>
    /// <c>{target} = {value};</c> on one line when it fits, else the value on the next line one level
    /// deeper, itself broken if it is still too long.
    /// </summary>
    public SourceWriter Assignment(string target, Layout value)
    {
        if (Fits(target + " = " + value.Flat + ";"))
        {
            return Line(target + " = " + value.Flat + ";");
        }

        Line(target + " =");
        using (Indented())
        {
            Write(value, ";");
        }

        return this;
    }

    /// <summary><c>{first} {rest}</c> on one line when it fits, else <paramref name="rest"/> on the next line one level deeper.</summary>
    public SourceWriter Continued(string first, string rest)
    {
        var single = first + " " + rest;
        return Fits(single) ? Line(single) : Line(first).Line(IndentUnit + rest);
    }

    /// <summary>The longest line generated code should have, indentation included.</summary>
    public const int MaxLineLength = 160;

    /// <summary>Whether <paramref name="line"/> fits at the current indentation.</summary>
    public bool Fits(string line) => (_indent * IndentUnit.Length) + line.Length <= MaxLineLength;

    public SourceWriter Open(string text)
    {
        if (text.Length > 0)
        {
            Line(text);
        }

        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public IDisposable Block(string text)
    {
        Open(text);
        return new Closer(this);
    }

    public override string ToString() => _builder.ToString();

    private sealed class Closer(SourceWriter writer) : IDisposable
    {
        public void Dispose() => writer.Close();
    }

    private sealed class Outdenter(SourceWriter writer) : IDisposable
    {
        public void Dispose() => writer._indent--;
    }
}
