// Polyfill for netstandard2.0 so Roslyn components can use records and init-only members.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
