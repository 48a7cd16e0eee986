/*
 * Words of a line of a config-style file (quasard.conf, topology files):
 * separated by blanks (every isspace() byte, so no word holds one), a
 * '#' ends the line's words.
 */
#ifndef QUASAR_LIB_WORDS_H
#define QUASAR_LIB_WORDS_H

/*
 * Split 'line' in place into at most 'max' words, their starts in 'w'.
 * Returns the number of words, or -1 when there are more than 'max'.
 */
int words_split(char *line, char **w, int max);

#endif
