namespace Estuary.Docs.Tests;

/// <summary>One <c>```csharp</c> block of a page.</summary>
/// <param name="Page">Repository-relative path, e.g. <c>docs/handlers.md</c>.</param>
/// <param name="Line">Line of the block's first code line (1-based), the one after the fence.</param>
/// <param name="Section">The heading the block sits under (<c>## Example</c>), or empty before the first one.</param>
/// <param name="Code">The block's text, without the fences.</param>
internal sealed record Snippet(string Page, int Line, string Section, string Code, SnippetAnnotation Annotation)
{
    /// <summary>Names the block in test names and messages: <c>docs/handlers.md:64</c>.</summary>
    public string Name => $"{Page}:{Line}";
}
