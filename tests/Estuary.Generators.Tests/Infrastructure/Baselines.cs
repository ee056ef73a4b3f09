using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace Estuary.Generators.Tests;

/// <summary>
/// Golden files (STYLE 8): <c>Baselines/{Test}/{HintName}.txt</c> beside this project's sources, found
/// through [CallerFilePath] so a clean clone needs no copy step. <c>UPDATE_BASELINES=1</c> rewrites a
/// test's folder (and deletes files the generator no longer emits); otherwise any difference fails.
/// </summary>
internal static class Baselines
{
    private const string Extension = ".txt";

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_BASELINES") is "1" or "true";

    public static void Verify(GeneratorOutput output, [CallerMemberName] string testName = "")
    {
        Assert.False(output.Files.IsEmpty, "The generator produced no files; a baseline test needs output to compare.");
        var directory = Path.Combine(ProjectDirectory(), "Baselines", testName);
        if (Updating)
        {
            Update(directory, output);
            return;
        }

        var problems = new List<string>();
        var expectedFiles = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*" + Extension).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var file in output.Files)
        {
            var baselineName = file.HintName + Extension;
            if (!expectedFiles.Remove(baselineName!))
            {
                problems.Add($"{baselineName}: generated, but there is no baseline for it.");
                continue;
            }

            var expected = Normalize(File.ReadAllText(Path.Combine(directory, baselineName)));
            var actual = Normalize(file.Text);
            if (expected != actual)
            {
                problems.Add(Difference(baselineName, expected, actual, WriteActual(testName, baselineName, actual), Path.Combine(directory, baselineName)));
            }
        }

        problems.AddRange(expectedFiles.Order(StringComparer.Ordinal).Select(stale => $"{stale}: has a baseline, but the generator no longer emits it."));
        if (problems.Count > 0)
        {
            Assert.Fail(
                $"Generated code differs from Baselines/{testName}/:\n\n" + string.Join("\n\n", problems)
                + $"\n\nIf the change is intended, run: UPDATE_BASELINES=1 dotnet test tests/Estuary.Generators.Tests --filter {testName}");
        }
    }

    private static void Update(string directory, GeneratorOutput output)
    {
        Directory.CreateDirectory(directory);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in output.Files)
        {
            var path = Path.Combine(directory, file.HintName + Extension);
            File.WriteAllText(path, Normalize(file.Text), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            written.Add(path);
        }

        foreach (var stale in Directory.GetFiles(directory).Where(f => !written.Contains(f)))
        {
            File.Delete(stale);
        }
    }

    private static string Difference(string name, string expected, string actual, string actualPath, string expectedPath)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        var text = new StringBuilder();
        text.Append(name).Append(": first difference at line ").Append(line + 1).Append('\n');
        for (var i = Math.Max(0, line - 2); i < line; i++)
        {
            text.Append("    ").Append(expectedLines[i]).Append('\n');
        }

        text.Append("  - ").Append(line < expectedLines.Length ? expectedLines[line] : "<end of baseline>").Append('\n');
        text.Append("  + ").Append(line < actualLines.Length ? actualLines[line] : "<end of generated file>").Append('\n');
        text.Append("  full diff: diff -u ").Append(expectedPath).Append(' ').Append(actualPath);
        return text.ToString();
    }

    // The generated text goes under bin/, never into Baselines/, so a failed run leaves no stale file there.
    private static string WriteActual(string testName, string baselineName, string actual)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "BaselineActuals", testName);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, baselineName);
        File.WriteAllText(path, actual);
        return path;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string ProjectDirectory([CallerFilePath] string thisFile = "")
    {
        var directory = Path.GetDirectoryName(Path.GetDirectoryName(thisFile));
        if (directory is null || !File.Exists(Path.Combine(directory, "Estuary.Generators.Tests.csproj")))
        {
            throw new InvalidOperationException(
                $"Baselines are found from this source file's compile-time path ({thisFile}), which does not exist here. Build the tests from the source tree (no PathMap / ContinuousIntegrationBuild).");
        }

        return directory;
    }
}
