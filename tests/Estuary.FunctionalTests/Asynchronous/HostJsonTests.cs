using System;
using Estuary.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.Asynchronous;

/// <summary>The host's JSON options combine the JsonSerializerContext classes of every composed module.</summary>
public sealed class HostJsonTests
{
    [Fact]
    public void Types_of_the_modules_contexts_have_metadata_and_others_get_an_error_naming_the_fix()
    {
        using var host = AsyncTestHost.Create();
        var runtime = host.GetRequiredService<EstuaryRuntime>();

        Assert.Equal(typeof(ReserveStock), runtime.JsonTypeInfoOf<ReserveStock>().Type);
        Assert.Equal(typeof(SlowJob), runtime.JsonTypeInfoOf<SlowJob>().Type);
        Assert.True(runtime.Json.IsReadOnly);

        var error = Assert.Throws<MessageConversionException>(() => runtime.JsonTypeInfoOf<Uri>());
        Assert.Contains("[JsonSerializable(typeof(Uri))]", error.Message, StringComparison.Ordinal);
    }
}
