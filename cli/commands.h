// One function per CLI verb; each returns the process exit code and prints one clear message on error.
#pragma once

int cmd_forward(int argc, char ** argv);
int cmd_info(int argc, char ** argv);
int cmd_bench(int argc, char ** argv);
int cmd_tokenize(int argc, char ** argv);
int cmd_tag(int argc, char ** argv);
int cmd_deid(int argc, char ** argv);
int cmd_classify(int argc, char ** argv);
