// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include "cmd/cli.h"

int main(int argc, char **argv)
{
	return vms_main(argc, argv);
}
