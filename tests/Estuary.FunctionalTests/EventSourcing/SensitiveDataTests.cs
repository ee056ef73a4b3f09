using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Estuary.FunctionalTests.EventSourcing;

public sealed class SensitiveDataTests
{
    [Fact]
    public async Task Sensitive_members_are_stored_encrypted_and_read_back_for_their_subject()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<IEventPayloadProtector, InMemoryEventPayloadProtector>());
        var id = Guid.NewGuid();

        await host.Commands().SendAsync(new RegisterCustomer(id, "ada@example.org", "NL"));

        var stored = Encoding.UTF8.GetString((await host.GetRequiredService<IEventStore>().ReadStreamAsync("customer-" + id.ToString("D")))[0].Data.Span);
        Assert.DoesNotContain("ada@example.org", stored, StringComparison.Ordinal);
        Assert.Contains("$protected", stored, StringComparison.Ordinal);
        Assert.Contains("\"NL\"", stored, StringComparison.Ordinal);
        Assert.Equal("ada@example.org in NL", await host.Queries().SendAsync(new GetCustomer(id)));
    }

    [Fact]
    public async Task Forgetting_the_subject_shreds_its_sensitive_members_and_keeps_the_rest()
    {
        await using var host = TestHost.Create(services => services.AddSingleton<IEventPayloadProtector, InMemoryEventPayloadProtector>());
        var forgotten = Guid.NewGuid();
        var kept = Guid.NewGuid();
        await host.Commands().SendAsync(new RegisterCustomer(forgotten, "ada@example.org", "NL"));
        await host.Commands().SendAsync(new RegisterCustomer(kept, "grace@example.org", "US"));

        await host.GetRequiredService<IEventPayloadProtector>().ForgetAsync(forgotten.ToString("D"), default);

        Assert.Equal("(forgotten) in NL", await host.Queries().SendAsync(new GetCustomer(forgotten)));
        Assert.Equal("grace@example.org in US", await host.Queries().SendAsync(new GetCustomer(kept)));
    }

    [Fact]
    public async Task Events_with_sensitive_members_are_refused_without_a_protector()
    {
        await using var host = TestHost.Create();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await host.Commands().SendAsync(new RegisterCustomer(Guid.NewGuid(), "ada@example.org", "NL")));

        Assert.Contains("IEventPayloadProtector", error.Message, StringComparison.Ordinal);
        Assert.Contains("Email", error.Message, StringComparison.Ordinal);
    }
}
