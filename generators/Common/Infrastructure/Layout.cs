using System.Collections.Generic;
using System.Linq;

namespace Estuary.SourceGeneration;

/// <summary>
/// A piece of generated code that <see cref="SourceWriter.Write"/> lays out the way hand-written code
/// is: on one line when it fits, else broken where a person would break it (after a list's head with
/// one item per line, after a lambda's arrow, into a block of statements), each part laid out the same way.
/// </summary>
internal abstract class Layout
{
    /// <summary>The code on one line.</summary>
    public abstract string Flat { get; }

    /// <summary>Whether the code is broken even when it would fit on one line.</summary>
    public virtual bool AlwaysBreak => false;

    /// <summary>Code that never breaks.</summary>
    public static Layout Text(string text) => new TextLayout(text);

    /// <summary><c>{head}{item, item, ...}{tail}</c>, e.g. <c>Call(</c>, the arguments, <c>)</c>.</summary>
    /// <param name="alwaysBreak">One item per line even when the whole would fit (a flow call's named steps read better so).</param>
    public static Layout List(string head, IEnumerable<Layout> items, string tail, bool alwaysBreak = false) =>
        new ListLayout(head, items.ToList(), tail, alwaysBreak);

    /// <summary>As <see cref="List(string, IEnumerable{Layout}, string, bool)"/>, of items that never break.</summary>
    public static Layout List(string head, IEnumerable<string> items, string tail, bool alwaysBreak = false) =>
        List(head, items.Select(Text), tail, alwaysBreak);

    /// <summary><c>{head} {body}</c>, broken after the head (a lambda's arrow) with the body one level deeper.</summary>
    public static Layout Then(string head, Layout body) => new ThenLayout(head, body);

    /// <summary><c>{head} {{ statement; ... }}</c>, broken into a block with one statement per line.</summary>
    public static Layout Block(string head, IEnumerable<Layout> statements) => new BlockLayout(head, statements.ToList(), ";");

    /// <summary><c>{head} {{ item, ... }}</c> (an object or collection initializer), broken into braces on lines of their own with one item per line.</summary>
    public static Layout Initializer(string head, IEnumerable<string> items) => new BlockLayout(head, items.Select(Text).ToList(), ",");

    /// <summary>This code with <paramref name="before"/> and <paramref name="after"/> around it (kept on its first and last lines).</summary>
    public abstract Layout Around(string before, string after);

    /// <summary>Writes the code broken, <paramref name="suffix"/> after its last line.</summary>
    internal abstract void WriteBroken(SourceWriter writer, string suffix);

    public override string ToString() => Flat;

    private sealed class TextLayout(string text) : Layout
    {
        public override string Flat => text;

        public override Layout Around(string before, string after) => new TextLayout(before + text + after);

        internal override void WriteBroken(SourceWriter writer, string suffix) => writer.Line(text + suffix);
    }

    private sealed class ListLayout(string head, IReadOnlyList<Layout> items, string tail, bool alwaysBreak) : Layout
    {
        public override string Flat => head + string.Join(", ", items.Select(i => i.Flat)) + tail;

        public override bool AlwaysBreak => alwaysBreak && items.Count > 0;

        public override Layout Around(string before, string after) => new ListLayout(before + head, items, tail + after, alwaysBreak);

        internal override void WriteBroken(SourceWriter writer, string suffix)
        {
            if (items.Count == 0)
            {
                writer.Line(Flat + suffix);
                return;
            }

            writer.Line(head.TrimEnd());
            using (writer.Indented())
            {
                for (var i = 0; i < items.Count; i++)
                {
                    writer.Write(items[i], i < items.Count - 1 ? "," : tail + suffix);
                }
            }
        }
    }

    private sealed class ThenLayout(string head, Layout body) : Layout
    {
        public override string Flat => head + " " + body.Flat;

        public override Layout Around(string before, string after) => new ThenLayout(before + head, body.Around(string.Empty, after));

        internal override void WriteBroken(SourceWriter writer, string suffix)
        {
            writer.Line(head);
            using (writer.Indented())
            {
                writer.Write(body, suffix);
            }
        }
    }

    // Statements end with ';' on one line too; initializer items are only separated by ','.
    private sealed class BlockLayout(string head, IReadOnlyList<Layout> items, string separator, string closing = "") : Layout
    {
        public override string Flat => separator == ";"
            ? head + " { " + string.Concat(items.Select(s => s.Flat + "; ")) + "}" + closing
            : head + " { " + string.Join(", ", items.Select(s => s.Flat)) + " }" + closing;

        public override Layout Around(string before, string after) => new BlockLayout(before + head, items, separator, closing + after);

        internal override void WriteBroken(SourceWriter writer, string suffix)
        {
            writer.Line(head);
            writer.Line("{");
            using (writer.Indented())
            {
                foreach (var item in items)
                {
                    writer.Write(item, separator);
                }
            }

            writer.Line("}" + closing + suffix);
        }
    }
}
