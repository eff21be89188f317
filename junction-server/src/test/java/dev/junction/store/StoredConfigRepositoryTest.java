package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.config.StoredProvider;
import dev.junction.config.StoredRoute;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDatabases.class)
class StoredConfigRepositoryTest {

    @AllDialects
    void aProviderReadsBackWithItsKeyCiphertext(SqlDialect dialect) {
        ProviderRepository providers = Fixtures.store(dialect).providers();
        StoredProvider provider = new StoredProvider(Fixtures.unique("openai"),
                "{\"base_url\":\"https://api.openai.com/v1\",\"models\":[\"gpt-4o\"]}", Optional.of("v1:gcm:Zm9v"));

        providers.create(provider);

        assertThat(providers.get(provider.name())).contains(provider);
        assertThat(providers.list()).contains(provider);
    }

    @AllDialects
    void aSecondProviderOfTheSameNameIsAConflict(SqlDialect dialect) {
        ProviderRepository providers = Fixtures.store(dialect).providers();
        String name = Fixtures.unique("anthropic");
        providers.create(new StoredProvider(name, "{}", Optional.empty()));

        assertThatThrownBy(() -> providers.create(new StoredProvider(name, "{}", Optional.empty())))
                .isInstanceOf(StoreConflict.class)
                .hasMessage("a provider named '" + name + "' already exists");
    }

    @AllDialects
    void anUpdateReplacesDefinitionAndCiphertext(SqlDialect dialect) {
        ProviderRepository providers = Fixtures.store(dialect).providers();
        String name = Fixtures.unique("gemini");
        providers.create(new StoredProvider(name, "{\"a\":1}", Optional.of("old")));
        StoredProvider changed = new StoredProvider(name, "{\"a\":2}", Optional.empty());

        assertThat(providers.update(changed)).isTrue();
        assertThat(providers.get(name)).contains(changed);
        assertThat(providers.update(new StoredProvider(Fixtures.unique("none"), "{}", Optional.empty()))).isFalse();
        assertThat(providers.delete(name)).isTrue();
        assertThat(providers.get(name)).isEmpty();
    }

    @AllDialects
    void aRouteIsCreatedUpdatedAndDeleted(SqlDialect dialect) {
        RouteRepository routes = Fixtures.store(dialect).routes();
        String name = Fixtures.unique("smart");
        StoredRoute route = new StoredRoute(name, "{\"groups\":[{\"deployments\":[{\"provider\":\"openai\"}]}]}");

        routes.create(route);
        assertThat(routes.get(name)).contains(route);
        assertThatThrownBy(() -> routes.create(route)).isInstanceOf(StoreConflict.class)
                .hasMessage("a route named '" + name + "' already exists");

        StoredRoute changed = new StoredRoute(name, "{\"groups\":[]}");
        assertThat(routes.update(changed)).isTrue();
        assertThat(routes.get(name)).contains(changed);
        assertThat(routes.delete(name)).isTrue();
        assertThat(routes.get(name)).isEmpty();
    }
}
