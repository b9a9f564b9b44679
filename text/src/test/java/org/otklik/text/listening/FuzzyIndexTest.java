package org.otklik.text.listening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FuzzyIndexTest {

    @Test
    void oneEditApartMeansOneLetterMissingAddedChangedOrTwoNeighboursSwapped() {
        assertThat(FuzzyIndex.oneEditApart("сбербак", "сбербанк")).isTrue();
        assertThat(FuzzyIndex.oneEditApart("янедкс", "яндекс")).isTrue();
        assertThat(FuzzyIndex.oneEditApart("однокласссник", "одноклассник")).isTrue();
        assertThat(FuzzyIndex.oneEditApart("яндекз", "яндекс")).isTrue();
        assertThat(FuzzyIndex.oneEditApart("яндекс", "яндекс")).isFalse();
        assertThat(FuzzyIndex.oneEditApart("индекс", "яндекс")).as("first letter").isFalse();
        assertThat(FuzzyIndex.oneEditApart("контакт", "вконтакт")).as("first letter").isFalse();
        assertThat(FuzzyIndex.oneEditApart("ядексн", "яндекс")).isFalse();
    }

    @Test
    void nearFindsTheIndexedStemsOneEditAwayOnly() {
        FuzzyIndex index = new FuzzyIndex();
        index.add("сбербанк");
        index.add("сбер");
        assertThat(index.near("сбербак")).containsExactly("сбербанк");
        assertThat(index.near("сбербанкк")).containsExactly("сбербанк");
        assertThat(index.near("сбербанк")).isEmpty();
        assertThat(index.near("сбор")).as("short stems are matched exactly").isEmpty();
    }
}
