using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Estuary.Cli;

/// <summary>A plain text table: columns padded to their widest cell, readable in any terminal and easy to grep.</summary>
internal sealed class TextTable(params string[] headers)
{
    private const string Gap = "  ";

    private readonly List<string[]> _rows = [];

    public void Add(params string?[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"The table has {headers.Length} columns, not {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells.Select(static c => OneLine(c ?? "-")).ToArray());
    }

    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select((header, column) => _rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        WriteRow(output, headers, widths);
        foreach (var row in _rows)
        {
            WriteRow(output, row, widths);
        }
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="length"/> characters, so one long reason does not widen a table past the screen.</summary>
    public static string Shorten(string text, int length)
    {
        var line = OneLine(text);
        return line.Length <= length ? line : string.Concat(line.AsSpan(0, length - 3), "...");
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var column = 0; column < cells.Length; column++)
        {
            // The last column is not padded, so lines carry no trailing spaces.
            line.Append(column == cells.Length - 1 ? cells[column] : cells[column].PadRight(widths[column]) + Gap);
        }

        output.WriteLine(line.ToString().TrimEnd());
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
