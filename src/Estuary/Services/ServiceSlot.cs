using System;
using System.ComponentModel;
using System.Threading;

namespace Estuary.Runtime;

/// <summary>
/// A process-wide small integer per service type. Generated endpoints keep their services' slots in
/// static readonly fields, so each host can cache singletons in an array and a dispatch resolves a
/// singleton handler with one array read.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ServiceSlots
{
    private static readonly Lock s_gate = new();
    private static Type[] s_types = new Type[64];
    private static int s_count;

    /// <summary>The slot of <typeparamref name="T"/> (assigned on first request).</summary>
    public static int Of<T>() => Slot<T>.Id;

    internal static Type TypeOf(int slot) => Volatile.Read(ref s_types)[slot];

    private static int Register(Type type)
    {
        lock (s_gate)
        {
            var types = s_types;
            if (s_count == types.Length)
            {
                Array.Resize(ref types, types.Length * 2);
            }

            types[s_count] = type;
            Volatile.Write(ref s_types, types);
            return s_count++;
        }
    }

    private static class Slot<T>
    {
        internal static readonly int Id = Register(typeof(T));
    }
}
