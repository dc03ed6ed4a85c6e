package dev.sieve.proxy.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void readsDecodedValuesOfOneName() {
        assertThat(QueryParams.values("/p?a=1&key=x%2By&key=&b", "key")).containsExactly("x+y", "");
        assertThat(QueryParams.values("/p", "key")).isEmpty();
        assertThat(QueryParams.values("/p?k%65y=v", "key")).containsExactly("v");
    }

    @Test
    void replacesKeepingTheOtherParametersAsTheyWere() {
        assertThat(QueryParams.replace("/p?a=%20&key=sieve-placeholder&b=2", "key", "r/e+al"))
                .isEqualTo("/p?a=%20&b=2&key=r%2Fe%2Bal");
        assertThat(QueryParams.replace("/p", "key", "v")).isEqualTo("/p?key=v");
        assertThat(QueryParams.replace("/p?key=a", "key", null)).isEqualTo("/p");
        assertThat(QueryParams.replace("/p?x=1&key=a", "key", null)).isEqualTo("/p?x=1");
    }
}
